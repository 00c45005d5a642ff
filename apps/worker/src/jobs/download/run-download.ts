import type { Db } from "@kao/db";
import { findCatalogModel, type CatalogModel } from "@kao/ml";
import type { BlobStorage } from "@kao/storage";
import { runLeasedJob, type LeasedJobRunner } from "../train/leased-job.ts";
import { convertKerasUpload } from "./convert-keras-upload.ts";
import { downloadCatalogModel } from "./download-catalog-model.ts";
import { parseDownloadParams } from "./download-params.ts";

export interface DownloadRunner extends LeasedJobRunner {
  db: Db;
  storage: BlobStorage;
  /** KAO_DATA_DIR: models go to its `models/` folder, and backbone paths are relative to it. */
  dataDir: string;
  /** The catalog the API offered the model from (KAO_MODEL_CATALOG on both). */
  modelCatalog: readonly CatalogModel[];
}

/**
 * Runs (or resumes) one DOWNLOAD job: a catalog model fetched and registered, or an uploaded Keras
 * model converted and registered. A resumed catalog download starts the file again (downloadModel
 * keeps no partial files) or finds it already cached and checked.
 */
export function runDownload(runner: DownloadRunner, jobId: string) {
  return runLeasedJob(runner, jobId, "model download", async (job, lease) => {
    const params = parseDownloadParams(job.params);
    if (params.source === "keras") return convertKerasUpload({ db: runner.db, storage: runner.storage, dataDir: runner.dataDir, jobId, lease, params });
    const model = findCatalogModel(params.key, runner.modelCatalog);
    if (!model) throw new Error(`catalog model "${params.key}" is not in this worker's catalog; give the worker the same KAO_MODEL_CATALOG as the API`);
    return downloadCatalogModel({ db: runner.db, dataDir: runner.dataDir, jobId, lease, model, name: params.name });
  });
}
