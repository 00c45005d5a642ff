import type { BlobStorage } from "@kao/storage";

/** What services beyond the database need: blob storage and the job queue (see server.ts). */
export interface Platform {
  storage: BlobStorage;
  /** Puts an import job on the worker queue (idempotent per job id). */
  enqueueImport(jobId: string): Promise<void>;
  /** How long `nextFrames` leases frames (KAO_LEASE_SECONDS; the labelling module's default when unset). */
  leaseSeconds?: number;
}
