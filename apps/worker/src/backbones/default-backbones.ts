import path from "node:path";
import type { Db } from "@kao/db";
import { importNsfwjsModel, type NsfwjsModelName } from "@kao/ml";

/**
 * The backbones kao has without any download: nsfwjs (an npm dependency) ships InceptionV3 and
 * MobileNetV2 as Keras layers models, converted here to ONNX. InceptionV3 is tapped twice: `mixed10`
 * (2048 channels, the paper's choice of the last conv block) and `mixed7` (768), because nsfwjs retrained
 * the blocks after about mixed6 on its own classes and an earlier block may generalise better.
 */
const DEFAULTS: readonly { name: string; model: NsfwjsModelName; tap: string }[] = [
  { name: "InceptionV3 mixed10 (nsfwjs)", model: "inception_v3", tap: "mixed10" },
  { name: "InceptionV3 mixed7 (nsfwjs)", model: "inception_v3", tap: "mixed7" },
  { name: "MobileNetV2 out_relu (nsfwjs)", model: "mobilenet_v2", tap: "out_relu" },
];

/**
 * Converts the shipped models into `<dataDir>/models` (once; later calls check the cached file's
 * sha256) and registers them. Paths are stored relative to the data folder, so every worker machine
 * resolves them in its own data folder, where its own start-up converted the same bytes.
 */
export async function ensureDefaultBackbones(options: { db: Db; dataDir: string; log?: (line: string) => void }) {
  const cacheDir = path.join(options.dataDir, "models");
  const imported = new Map<NsfwjsModelName, Awaited<ReturnType<typeof importNsfwjsModel>>>();
  const ready = [];
  for (const entry of DEFAULTS) {
    let model = imported.get(entry.model);
    if (!model) {
      const started = Date.now();
      model = await importNsfwjsModel(entry.model, { cacheDir });
      if (model.converted) options.log?.(`converted ${entry.model} from nsfwjs to ONNX in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      imported.set(entry.model, model);
    }
    const tap = model.taps.find((candidate) => candidate.name === entry.tap);
    if (!tap) throw new Error(`${entry.model} has no layer "${entry.tap}" to tap`);
    const data = {
      modelPath: path.relative(options.dataDir, model.path),
      sha256: model.sha256,
      inputWidth: model.inputSize,
      inputHeight: model.inputSize,
      scale: model.preprocessing.scale,
      // kao computes (p · scale − mean) / std; nsfwjs's p · scale + offset is mean = −offset.
      mean: [0, 1, 2].map(() => 0 - model.preprocessing.offset),
      std: [1, 1, 1],
      channelOrder: model.preprocessing.channelOrder,
      tapLayer: tap.name,
      pooling: "MAX" as const,
      dims: tap.channels,
    };
    ready.push(await options.db.backbone.upsert({ where: { name: entry.name }, create: { name: entry.name, ...data }, update: data }));
  }
  return ready;
}
