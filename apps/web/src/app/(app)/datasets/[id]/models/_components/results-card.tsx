import Link from "next/link";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { AllRunsTable } from "@/components/ml/all-runs-table";
import { LiveJobProgress } from "@/components/ml/live-job-progress";
import { trainingJobFields, type TrainingJobView } from "@/components/ml/ml-data";
import { ResultsTables } from "@/components/ml/results-tables";
import { plural } from "@/lib/format";
import type { ResultsData } from "../load-models";

/**
 * The shown training job's results: live progress while it runs, then the paper's Table 1 and
 * Table 2, what it did to the labelling queue, and every configuration of its grid.
 */
export function ResultsCard({
  datasetId,
  data,
  allJobs,
  splitNames,
  isAdmin,
  canReview,
}: {
  datasetId: string;
  data: ResultsData;
  allJobs: boolean;
  splitNames: Record<string, string>;
  isAdmin: boolean;
  canReview: boolean;
}) {
  const { job, results } = data;
  const versionsUsed = new Set(results.runs.map((run) => run.splitVersionId));
  return (
    <section id="results" className="scroll-mt-20">
      <Card>
        <CardHeader title="Results" description={allJobs ? "Every training job together: each backbone × kernel row holds its best run on validation." : job ? <JobDescription job={job} splitNames={splitNames} /> : undefined} />
        {job && job.status !== "SUCCEEDED" ? (
          <div className="px-5 py-4">
            <LiveJobProgress
              initial={job}
              source={{ field: "trainingJob", fields: trainingJobFields(false) }}
              label="Training progress"
              unit="grid step"
              verb="Training"
              testId="selected-job-progress"
              cancel={isAdmin ? { what: "training", keeps: "Its runs are kept only if the grid has already finished." } : undefined}
            />
          </div>
        ) : null}
        {results.table.length > 0 ? (
          <div className="space-y-6 py-4">
            {allJobs && versionsUsed.size > 1 ? (
              <p className="px-5 text-xs text-amber-800">These runs used {versionsUsed.size} split versions: rows from different versions were scored on different frames.</p>
            ) : null}
            <ResultsTables datasetId={datasetId} rows={results.table} isAdmin={isAdmin} />
            {job?.activeLearning ? <QueueOutcome job={job} canReview={canReview} datasetId={datasetId} /> : null}
            <details className="group border-t border-slate-100">
              <summary className="cursor-pointer px-5 pt-4 text-sm font-medium text-slate-700 hover:text-slate-900">
                All {plural(results.runs.length, "configuration")} of the grid
              </summary>
              <div className="pt-3">
                <AllRunsTable datasetId={datasetId} runs={results.runs} />
              </div>
            </details>
          </div>
        ) : job?.status === "SUCCEEDED" || allJobs ? (
          <EmptyState title="No results">Training finished without runs that have validation results.</EmptyState>
        ) : null}
      </Card>
    </section>
  );
}

function JobDescription({ job, splitNames }: { job: TrainingJobView; splitNames: Record<string, string> }) {
  const split = job.splitVersionId ? splitNames[job.splitVersionId] : undefined;
  return (
    <>
      {job.backbone?.name ?? "Removed backbone"}
      {split ? ` · split ${split}` : ""} · {plural(job.kernels.length, "kernel")} × {plural(job.Cs.length, "value")} of C
    </>
  );
}

function QueueOutcome({ job, canReview, datasetId }: { job: TrainingJobView; canReview: boolean; datasetId: string }) {
  const outcome = job.activeLearning;
  if (!outcome) return null;
  return (
    <p className="px-5 text-sm text-slate-600" data-testid="training-queue-outcome">
      {outcome.error ? (
        <>The labelling queue was not reordered: {outcome.error}</>
      ) : (
        <>
          With the picked run, {plural(outcome.candidates, "unlabelled frame")} {outcome.candidates === 1 ? "was" : "were"} scored
          {canReview && outcome.batch ? `; ${plural(outcome.batch.length, "frame")} now come first in the labelling queue` : ""}
          {canReview && outcome.labelSuspects && outcome.labelSuspects.length > 0 ? (
            <>
              {" "}
              and{" "}
              <Link prefetch={false} href={`/datasets/${datasetId}/review`} className="font-medium text-indigo-600 hover:text-indigo-500">
                {plural(outcome.labelSuspects.length, "train label")} went to review
              </Link>
            </>
          ) : null}
          .
        </>
      )}
    </p>
  );
}
