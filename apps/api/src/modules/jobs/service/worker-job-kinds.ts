import type { JobKind } from "@kao/db";

/** Jobs shown as `WorkerJob` and cancelled with `cancelJob`; imports have their own type and `cancelImport`. */
export const WORKER_JOB_KINDS = ["EXTRACT", "TRAIN", "PREDICT", "DOWNLOAD"] as const satisfies readonly JobKind[];

export const JOB_NAMES: Record<JobKind, string> = {
  IMPORT: "import",
  EXTRACT: "extraction",
  TRAIN: "training",
  PREDICT: "prediction",
  DOWNLOAD: "download",
};
