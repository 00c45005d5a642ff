import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Db } from "@kao/db";
import type { BlobStorage } from "@kao/storage";
import { importKerasBackbone } from "../../backbones/import-keras-backbone.ts";
import { JobStopped, type JobLease } from "../train/leased-job.ts";
import type { KerasUploadParams } from "./download-params.ts";
import { setKerasInputSize } from "./set-keras-input-size.ts";

/** Progress steps of a Keras import: files read, converted and registered. */
const STEPS = 3;

/**
 * Converts a Keras / TF.js layers model an admin uploaded (model.json and its weight shards, kept in
 * blob storage under the job's prefix) with importKerasBackbone, the CLI's `backbone import-keras`.
 * The upload is removed once the conversion succeeded or failed for good; the converter's messages
 * (an unsupported layer, a missing shard, an unknown tap) become the job's error as they are.
 */
export async function convertKerasUpload(options: { db: Db; storage: BlobStorage; dataDir: string; jobId: string; lease: JobLease; params: KerasUploadParams }) {
  const { params, lease } = options;
  const folder = await mkdtemp(path.join(tmpdir(), "kao-keras-"));
  try {
    await lease.setProgress({ done: 0, total: STEPS });
    for (const file of params.files) {
      const { stream } = await options.storage.read(`${params.storagePrefix}${file}`);
      // The API keeps base names only, so nothing lands outside the folder.
      await pipeline(stream, createWriteStream(path.join(folder, path.basename(file))));
    }
    if (params.width !== null && params.height !== null) await setKerasInputSize(folder, { width: params.width, height: params.height });
    lease.checkpoint();
    await lease.setProgress({ done: 1 });
    const backbone = await importKerasBackbone({
      db: options.db,
      dataDir: options.dataDir,
      folder,
      name: params.name,
      tap: params.tap,
      pooling: params.pooling,
      scale: params.scale,
      offset: params.offset,
      channelOrder: params.channelOrder,
    });
    await lease.setProgress({ done: STEPS });
    await options.storage.delete(params.storagePrefix);
    return { backboneId: backbone.id, path: backbone.modelPath };
  } catch (error) {
    // Retrying cannot fix a model the converter refused; a stopped job (cancel, takeover) keeps its files.
    if (!(error instanceof JobStopped)) await options.storage.delete(params.storagePrefix);
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
