"use client";

import Link from "next/link";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { ConfirmButton } from "@/components/confirm-button";
import { DateTime } from "@/components/date-time";
import { ProgressBar } from "@/components/progress-bar";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { jobName, jobPercent, jobStatusDisplay, type ImportItemRow, type ImportJobSummary, type StatusTone } from "@/lib/import-jobs";
import { useMutation } from "@/lib/use-mutation";
import { CANCEL_IMPORT, useImportJob } from "./use-import-job";

const BAR_TONE: Record<StatusTone, "indigo" | "green" | "red" | "amber" | "slate" | "sky"> = {
  slate: "slate",
  sky: "indigo",
  green: "green",
  red: "red",
  amber: "amber",
};

const KIND_LABEL = { IMAGE: "Image", VIDEO: "Video", ZIP: "Zip" } as const;

/** An import with its files, live while it runs: the job page and the import page after submitting. */
export function ImportJobPanel({ initial, canCancel }: { initial: ImportJobSummary; canCancel: boolean }) {
  const { job, setJob, pollError, active } = useImportJob(initial, { detail: true });
  const status = jobStatusDisplay(job);
  const percent = jobPercent(job);
  const items = job.items ?? [];

  return (
    <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="import-job" data-status={job.status} aria-label="Import progress">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            <span className="truncate">{jobName(job)}</span>
            <span data-testid="import-status">
              <Badge tone={status.tone}>{status.label}</Badge>
            </span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {plural(items.length, "file")} · videos sampled at {job.sampleFps} fps · started <DateTime value={job.startedAt ?? job.createdAt} />
            {job.finishedAt ? (
              <>
                {" "}
                · finished <DateTime value={job.finishedAt} />
              </>
            ) : null}
          </p>
        </div>
        {canCancel && active ? <CancelImportButton job={job} detail onCancelled={setJob} /> : null}
      </div>

      <div className="space-y-4 px-5 py-4">
        <div>
          <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
            <span className="text-slate-600">{progressText(job)}</span>
            <span className="font-semibold text-slate-900 tabular-nums">{percent}%</span>
          </div>
          <ProgressBar value={percent} label="Import progress" tone={BAR_TONE[status.tone]} testId="import-progress" />
        </div>
        <dl className="grid grid-cols-3 gap-3">
          <Count label="Frames added" value={job.framesAdded} testId="import-frames-added" />
          <Count label="Duplicates skipped" value={job.duplicates} testId="import-duplicates" />
          <Count label="Failed" value={job.failed} testId="import-failed" warn={job.failed > 0} />
        </dl>
        {job.error ? <Alert title="The import stopped">{job.error}</Alert> : null}
        {pollError ? (
          <Alert tone="warning" title="Progress may be out of date">
            {pollError} Retrying…
          </Alert>
        ) : null}
      </div>

      {items.length > 0 ? (
        <div className="overflow-x-auto border-t border-slate-100">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-items">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-5 py-2.5">File</th>
                <th scope="col" className="px-3 py-2.5">Kind</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-3 py-2.5 text-right">Frames</th>
                <th scope="col" className="px-3 py-2.5 text-right">Duplicates</th>
                <th scope="col" className="px-3 py-2.5 text-right">Failed</th>
                <th scope="col" className="px-5 py-2.5">Message</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <ItemRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ItemRow({ item }: { item: ImportItemRow }) {
  const status = jobStatusDisplay(item);
  return (
    <tr data-testid="import-item" data-file={item.fileName} data-status={item.status}>
      <td className="max-w-64 truncate px-5 py-2.5 font-medium text-slate-900" title={item.fileName}>
        {item.fileName}
      </td>
      <td className="px-3 py-2.5 text-slate-600">{KIND_LABEL[item.kind]}</td>
      <td className="px-3 py-2.5">
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td className="px-3 py-2.5 text-right text-slate-900 tabular-nums">{item.framesAdded.toLocaleString("en")}</td>
      <td className="px-3 py-2.5 text-right text-slate-600 tabular-nums">{item.duplicates.toLocaleString("en")}</td>
      <td className={`px-3 py-2.5 text-right tabular-nums ${item.failed > 0 ? "font-semibold text-red-600" : "text-slate-600"}`}>{item.failed.toLocaleString("en")}</td>
      <td className={`min-w-48 px-5 py-2.5 text-xs ${item.status === "FAILED" ? "text-red-700" : "text-slate-500"}`}>{item.error ?? ""}</td>
    </tr>
  );
}

/** One line of the dataset page's Imports card, live while it runs. */
export function ImportJobRow({ initial, datasetId, canCancel }: { initial: ImportJobSummary; datasetId: string; canCancel: boolean }) {
  const { job, setJob, active } = useImportJob(initial, { detail: false });
  const status = jobStatusDisplay(job);
  const percent = jobPercent(job);
  return (
    <li className="space-y-2 px-5 py-3" data-testid="import-row" data-status={job.status}>
      <div className="flex items-center justify-between gap-3">
        <Link href={`/datasets/${datasetId}/imports/${job.id}`} className="min-w-0 truncate text-sm font-medium text-slate-900 hover:text-indigo-600">
          {jobName(job)}
        </Link>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <ProgressBar value={percent} label={`Progress of ${jobName(job)}`} tone={BAR_TONE[status.tone]} size="sm" />
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <p className="text-xs text-slate-500 tabular-nums">
          {plural(job.framesAdded, "frame")} added · {plural(job.duplicates, "duplicate")}
          {job.failed > 0 ? <span className="font-medium text-red-600"> · {job.failed.toLocaleString("en")} failed</span> : " · 0 failed"} ·{" "}
          <DateTime value={job.createdAt} />
        </p>
        {canCancel && active ? <CancelImportButton job={job} detail={false} onCancelled={setJob} /> : null}
      </div>
    </li>
  );
}

function CancelImportButton({ job, detail, onCancelled }: { job: ImportJobSummary; detail: boolean; onCancelled: (job: ImportJobSummary) => void }) {
  const mutation = useMutation();
  if (job.cancelRequested) return null;
  return (
    <span className="inline-flex flex-col items-end">
      <ConfirmButton
        ariaLabel={`Cancel the import of ${jobName(job)}`}
        question="Stop this import? Frames added so far stay."
        confirmLabel="Stop import"
        pending={mutation.pending}
        onConfirm={() =>
          mutation.run(
            async () => {
              const { cancelImport } = await requestGraphQL<{ cancelImport: ImportJobSummary }>(CANCEL_IMPORT(detail), { id: job.id });
              onCancelled(cancelImport);
            },
            { refresh: false },
          )
        }
      >
        Cancel import
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}

function Count({ label, value, testId, warn = false }: { label: string; value: number; testId: string; warn?: boolean }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${warn ? "text-red-600" : "text-slate-900"}`} data-testid={testId}>
        {value.toLocaleString("en")}
      </dd>
    </div>
  );
}

function progressText(job: ImportJobSummary): string {
  if (job.status === "QUEUED") return job.cancelRequested ? "Stopping…" : "Waiting for a worker…";
  const counts = job.total > 0 ? `${job.done.toLocaleString("en")} of ${job.total.toLocaleString("en")}` : "";
  if (job.status === "RUNNING") return job.cancelRequested ? `Stopping after the current frame… ${counts}` : counts ? `Importing… ${counts}` : "Opening files…";
  if (job.status === "SUCCEEDED") return counts ? `Finished: ${counts}` : "Finished";
  if (job.status === "CANCELLED") return counts ? `Cancelled at ${counts}` : "Cancelled";
  return counts ? `Failed at ${counts}` : "Failed";
}
