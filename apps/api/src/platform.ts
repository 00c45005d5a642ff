import type { JobQueue } from "@kao/queue";
import type { CatalogModel } from "@kao/ml";
import type { BlobStorage } from "@kao/storage";

/** What services beyond the database need: blob storage and the job queue (see server.ts). */
export interface Platform {
  storage: BlobStorage;
  /** Puts an import job on the worker queue (idempotent per job id). */
  enqueueImport(jobId: string): Promise<void>;
  /** Puts an ML job (extraction, training, prediction) on its worker queue (idempotent per job id). */
  enqueue?(queue: JobQueue, jobId: string): Promise<void>;
  /** KAO_DATA_DIR: backbone model paths are relative to it, the model cache is its `models/` folder (default `.data`). */
  dataDir?: string;
  /** How long `nextFrames` leases frames (KAO_LEASE_SECONDS; the labelling module's default when unset). */
  leaseSeconds?: number;
  /** The model catalog offered for download (KAO_MODEL_CATALOG merged into @kao/ml's MODEL_CATALOG); MODEL_CATALOG when unset. */
  modelCatalog?: readonly CatalogModel[];
}
