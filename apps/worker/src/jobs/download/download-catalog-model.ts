import path from "node:path";
import type { Db } from "@kao/db";
import { downloadModel, type CatalogModel } from "@kao/ml";
import { JobStopped, type JobLease } from "../train/leased-job.ts";
import { registerCatalogBackbone } from "../../backbones/register-catalog-backbone.ts";

/** How often progress is written (and a cancel looked for) while bytes arrive. */
const PROGRESS_MS = 250;

/**
 * Downloads a catalog model into `<dataDir>/models` (downloadModel checks its sha256 and keeps only a
 * matching file; an offline machine gets its message saying where to copy the file) and registers it.
 * Between chunks it writes done / total bytes to the Job row and reads `cancelRequestedAt` from it: a
 * cancel aborts the transfer, and downloadModel removes the partial file.
 */
export async function downloadCatalogModel(options: { db: Db; dataDir: string; jobId: string; lease: JobLease; model: CatalogModel; name: string }) {
  const { db, jobId, model } = options;
  const cacheDir = path.resolve(options.dataDir, "models");
  const controller = new AbortController();
  let last = 0;
  let writing: Promise<void> | null = null;
  let writeError: unknown = null;
  const onProgress = ({ bytes, totalBytes }: { bytes: number; totalBytes: number | null }) => {
    const now = Date.now();
    // A write still in flight (a slow database) skips this update rather than queueing it.
    if (writing || now - last < PROGRESS_MS) return;
    last = now;
    writing = db.job
      .update({ where: { id: jobId }, data: { done: bytes, total: totalBytes ?? model.sizeBytes }, select: { cancelRequestedAt: true } })
      .then(
        (row) => {
          if (row.cancelRequestedAt) controller.abort();
        },
        (error: unknown) => {
          writeError = error;
          controller.abort();
        },
      )
      .finally(() => (writing = null));
  };
  let downloaded: { path: string; downloaded: boolean };
  try {
    downloaded = await downloadModel({ url: model.url, sha256: model.sha256, fileName: `${model.key}.onnx`, cacheDir, sizeBytes: model.sizeBytes, onProgress, signal: controller.signal });
  } catch (error) {
    await writing;
    if (writeError) throw writeError;
    if (controller.signal.aborted) throw new JobStopped();
    throw error;
  }
  await writing;
  if (writeError) throw writeError;
  options.lease.checkpoint();
  await db.job.update({ where: { id: jobId }, data: { done: model.sizeBytes, total: model.sizeBytes } });
  const backbone = await registerCatalogBackbone({ db, dataDir: options.dataDir, model, name: options.name, file: downloaded.path, sha256: model.sha256 });
  return { backboneId: backbone.id, path: path.relative(options.dataDir, downloaded.path), downloaded: downloaded.downloaded };
}
