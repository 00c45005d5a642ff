/** Import jobs as the web app reads them (see `ImportJob` in the API schema). */

export type JobStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export interface ImportItemRow {
  id: string;
  fileName: string;
  kind: "IMAGE" | "VIDEO" | "ZIP";
  status: JobStatus;
  framesAdded: number;
  duplicates: number;
  failed: number;
  error: string | null;
}

export interface ImportJobSummary {
  id: string;
  status: JobStatus;
  progress: number;
  done: number;
  total: number;
  framesAdded: number;
  duplicates: number;
  failed: number;
  error: string | null;
  title: string | null;
  episode: string | null;
  sampleFps: number;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Only in the detailed selection. */
  items?: ImportItemRow[];
}

export const IMPORT_JOB_SUMMARY_FIELDS = `
  id status progress done total framesAdded duplicates failed error title episode sampleFps cancelRequested
  createdAt startedAt finishedAt
`;

export const IMPORT_JOB_FIELDS = `
  ${IMPORT_JOB_SUMMARY_FIELDS}
  items { id fileName kind status framesAdded duplicates failed error }
`;

/** Still worth polling: the worker has not finished with it. */
export const isActive = (status: JobStatus) => status === "QUEUED" || status === "RUNNING";

export type StatusTone = "slate" | "sky" | "green" | "red" | "amber";

/** Badge text and colour; a running job asked to stop shows as stopping. */
export function jobStatusDisplay(job: { status: JobStatus; cancelRequested?: boolean }): { label: string; tone: StatusTone } {
  if (isActive(job.status) && job.cancelRequested) return { label: "Stopping…", tone: "amber" };
  switch (job.status) {
    case "QUEUED":
      return { label: "Queued", tone: "slate" };
    case "RUNNING":
      return { label: "Running", tone: "sky" };
    case "SUCCEEDED":
      return { label: "Done", tone: "green" };
    case "FAILED":
      return { label: "Failed", tone: "red" };
    case "CANCELLED":
      return { label: "Cancelled", tone: "amber" };
  }
}

/** 0–100 for a progress bar: a finished job is full, whatever its counts say. */
export function jobPercent(job: { status: JobStatus; progress: number }): number {
  if (job.status === "SUCCEEDED") return 100;
  const value = Number.isFinite(job.progress) ? job.progress : 0;
  return Math.round(Math.min(1, Math.max(0, value)) * 100);
}

/** `Test Title · episode 3`: what an import is called in lists and headings. */
export function jobName(job: { title: string | null; episode: string | null }): string {
  const title = job.title ?? "Import";
  return job.episode ? `${title} · episode ${job.episode}` : title;
}
