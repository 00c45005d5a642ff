import path from "node:path";
import type { Db } from "@kao/db";
import type { CatalogModel } from "@kao/ml";
import { probeOnnxBackbone } from "./probe-onnx-backbone.ts";

/**
 * Registers a downloaded catalog model with the catalog's preprocessing and tap, after probing it.
 * Idempotent for a resumed job: a backbone of that name on the same file is the one this job made.
 */
export async function registerCatalogBackbone(options: { db: Db; dataDir: string; model: CatalogModel; name: string; file: string; sha256: string }) {
  const { db, model, name } = options;
  const existing = await db.backbone.findUnique({ where: { name } });
  if (existing) {
    if (existing.sha256 === options.sha256) return existing;
    throw new Error(`a backbone named "${name}" already exists (with another file); download the model under another name`);
  }
  const { preprocessing } = model;
  const probed = await probeOnnxBackbone({ file: options.file, tap: model.tap, preprocessing: { ...preprocessing, mean: [...preprocessing.mean], std: [...preprocessing.std] } });
  return db.backbone.create({
    data: {
      name,
      // Relative to the data folder, as every worker resolves it in its own (see BackboneSessions).
      modelPath: path.relative(options.dataDir, options.file),
      sha256: options.sha256,
      inputWidth: preprocessing.width,
      inputHeight: preprocessing.height,
      channelOrder: preprocessing.channelOrder,
      scale: preprocessing.scale,
      mean: [...preprocessing.mean],
      std: [...preprocessing.std],
      tapLayer: probed.tapLayer,
      pooling: "MAX",
      dims: probed.dims,
    },
  });
}
