import type { ReactNode } from "react";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { ProgressBar } from "@/components/progress-bar";
import { plural } from "@/lib/format";
import { jobPercent, jobStatusDisplay, type StatusTone } from "@/lib/import-jobs";
import type { WorkerJobView } from "./ml-data";

const BAR_TONE: Record<StatusTone, "indigo" | "green" | "red" | "amber" | "slate"> = { slate: "slate", sky: "indigo", green: "green", red: "red", amber: "amber" };

/**
 * A worker job's state in one block: badge, what it is doing in words, a bar, and why it failed.
 * `unit` names what it counts (`frame`, `grid step`); `verb` what it is doing while it runs;
 * `action` sits beside the percentage (e.g. a cancel button).
 */
export function JobProgress({
  job,
  label,
  unit,
  verb,
  pollError,
  testId,
  action,
}: {
  job: WorkerJobView;
  label: string;
  unit: string;
  verb: string;
  pollError?: string | null;
  testId?: string;
  action?: ReactNode;
}) {
  const status = jobStatusDisplay(job);
  const percent = jobPercent(job);
  return (
    <div className="space-y-1.5" data-testid={testId} data-status={job.status} data-done={job.done} data-total={job.total}>
      <div className="flex items-center justify-between gap-3 text-xs">
        <span className="flex min-w-0 items-center gap-2 text-slate-600">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="truncate tabular-nums">{progressText(job, unit, verb)}</span>
        </span>
        <span className="flex shrink-0 items-center gap-2">
          {action}
          <span className="font-semibold text-slate-900 tabular-nums">{percent}%</span>
        </span>
      </div>
      <ProgressBar value={percent} label={label} tone={BAR_TONE[status.tone]} size="sm" />
      {job.failed > 0 && !job.error ? <p className="text-xs font-medium text-red-600">{plural(job.failed, unit)} could not be processed.</p> : null}
      {job.error ? <Alert title="The job stopped">{job.error}</Alert> : null}
      {pollError ? (
        <Alert tone="warning" title="Progress may be out of date">
          {pollError} Retrying…
        </Alert>
      ) : null}
    </div>
  );
}

function progressText(job: WorkerJobView, unit: string, verb: string): string {
  const counts = job.total > 0 ? `${job.done.toLocaleString("en")} of ${plural(job.total, unit)}` : "";
  switch (job.status) {
    case "QUEUED":
      return "Waiting for a worker…";
    case "RUNNING":
      return counts ? `${verb}… ${counts}` : "Starting…";
    case "SUCCEEDED":
      return counts ? `Finished: ${counts}` : "Finished";
    case "CANCELLED":
      return counts ? `Cancelled at ${counts}` : "Cancelled";
    case "FAILED":
      return counts ? `Failed at ${counts}` : "Failed";
  }
}
