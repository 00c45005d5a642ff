import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { ProgressBar } from "@/components/progress-bar";
import { formatBytes } from "@/lib/format";
import { jobPercent, jobStatusDisplay } from "@/lib/import-jobs";
import type { BackboneJobView } from "./backbone-jobs";

const BAR_TONE = { slate: "slate", sky: "indigo", green: "green", red: "red", amber: "amber" } as const;
const STEPS = ["Reading the files", "Converting to ONNX", "Registering"];

/** A download (bytes) or a Keras import (steps): badge, what it is doing, a bar, and why it failed. */
export function BackboneJobProgress({ job, pollError }: { job: BackboneJobView; pollError?: string | null }) {
  const status = jobStatusDisplay(job);
  const percent = jobPercent(job);
  return (
    <div className="space-y-1.5" data-testid="backbone-job" data-status={job.status} data-done={job.done} data-total={job.total}>
      <div className="flex items-center justify-between gap-3 text-xs">
        <span className="flex min-w-0 items-center gap-2 text-slate-600">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="truncate tabular-nums">{describe(job)}</span>
        </span>
        <span className="font-semibold text-slate-900 tabular-nums">{percent}%</span>
      </div>
      <ProgressBar value={percent} label={job.source === "KERAS" ? `Import of ${job.name ?? "a Keras model"}` : `Download of ${job.name ?? job.catalogKey ?? "a model"}`} tone={BAR_TONE[status.tone]} size="sm" />
      {job.error ? (
        <Alert title={job.source === "KERAS" ? "The import failed" : "The download failed"}>
          <span className="[overflow-wrap:anywhere]">{job.error}</span>
        </Alert>
      ) : null}
      {pollError ? (
        <Alert tone="warning" title="Progress may be out of date">
          {pollError} Retrying…
        </Alert>
      ) : null}
    </div>
  );
}

function describe(job: BackboneJobView): string {
  if (job.status === "QUEUED") return "Waiting for a worker…";
  if (job.status === "SUCCEEDED") return job.backbone ? `Registered as ${job.backbone.name}` : "Finished";
  if (job.status === "CANCELLED") return "Cancelled";
  if (job.source === "KERAS") {
    const step = STEPS[Math.min(job.done, STEPS.length - 1)] ?? "Working";
    return job.status === "FAILED" ? `Failed while ${step.toLowerCase()}` : `${step}…`;
  }
  const bytes = job.total > 0 ? `${formatBytes(job.done)} of ${formatBytes(job.total)}` : formatBytes(job.done);
  return job.status === "FAILED" ? `Failed after ${bytes}` : `Downloading… ${bytes}`;
}
