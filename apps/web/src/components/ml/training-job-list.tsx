"use client";

import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { plural } from "@/lib/format";
import { CancelJobButton } from "./cancel-job-button";
import { JobProgress } from "./job-progress";
import { trainingJobFields, type TrainingJobView } from "./ml-data";
import { formatC } from "./results";
import { useWorkerJob } from "./use-worker-job";

/** A dataset's training jobs, newest first, each live while it runs; the one whose results are shown is marked. */
export function TrainingJobList({
  datasetId,
  jobs,
  selectedJobId,
  splitNames,
  canReview,
  canCancel = false,
}: {
  datasetId: string;
  jobs: TrainingJobView[];
  selectedJobId: string | null;
  splitNames: Record<string, string>;
  canReview: boolean;
  /** Admins: a Cancel button on queued and running jobs. */
  canCancel?: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="training-jobs">
      {jobs.map((job) => (
        <TrainingJobRow key={job.id} datasetId={datasetId} initial={job} selected={job.id === selectedJobId} splitName={job.splitVersionId ? splitNames[job.splitVersionId] : undefined} canReview={canReview} canCancel={canCancel} />
      ))}
    </ul>
  );
}

function TrainingJobRow({
  datasetId,
  initial,
  selected,
  splitName,
  canReview,
  canCancel,
}: {
  datasetId: string;
  initial: TrainingJobView;
  selected: boolean;
  splitName: string | undefined;
  canReview: boolean;
  canCancel: boolean;
}) {
  const { job, start, pollError } = useWorkerJob(initial, { field: "trainingJob", fields: trainingJobFields(canReview), confirm: true });
  const current = job ?? initial;
  return (
    <li className={`space-y-2 px-5 py-3 ${selected ? "bg-indigo-50/60" : ""}`} data-testid="training-job" data-job-id={current.id} data-status={current.status} aria-current={selected ? "true" : undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Link
          prefetch={false}
          scroll={false}
          href={`/datasets/${datasetId}/models?job=${current.id}#results`}
          className={`min-w-0 truncate text-sm font-medium hover:text-indigo-600 ${selected ? "text-indigo-700" : "text-slate-900"}`}
        >
          {current.backbone?.name ?? "Removed backbone"}
          {splitName ? <span className="font-normal text-slate-500"> · split {splitName}</span> : null}
        </Link>
        <span className="text-xs text-slate-500">
          <DateTime value={current.createdAt} />
        </span>
      </div>
      <p className="text-xs text-slate-500">
        {plural(current.kernels.length, "kernel")} × C ∈ {"{"}
        {current.Cs.map(formatC).join(", ")}
        {"}"}
        {current.selectedRun ? (
          <>
            {" "}
            · picked <span className="font-medium text-slate-700">{current.selectedRun.variant}</span>, C = {formatC(current.selectedRun.C)}
          </>
        ) : null}
      </p>
      <JobProgress
        job={current}
        label={`Training on ${current.backbone?.name ?? "a removed backbone"}`}
        unit="grid step"
        verb="Training"
        pollError={pollError}
        testId="training-progress"
        action={canCancel ? <CancelJobButton job={current} what="training" keeps="Its runs are kept only if the grid has already finished." onCancelled={start} /> : null}
      />
    </li>
  );
}
