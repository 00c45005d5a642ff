import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";

const require = createRequire(import.meta.url);

const bundledModelSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(z.custom<tf.io.WeightsManifestEntry>()) })),
});

/**
 * Loads one of nsfwjs's bundled models into tfjs the way nsfwjs itself does (require the UMD
 * bundles, decode the base64 shards, let tfjs dequantise), independently of the converter's reader,
 * to serve as the reference in parity tests.
 */
export async function loadNsfwjsInTfjs(folder: string): Promise<tf.LayersModel> {
  const bundled = bundledModelSchema.parse(require(path.join(folder, "model.min.js")));
  const shards = bundled.weightsManifest
    .flatMap((group) => group.paths)
    .map((shard) => Buffer.from(z.string().parse(require(path.join(folder, `${shard}.min.js`))), "base64"));
  const joined = Buffer.concat(shards);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: bundled.modelTopology, weightSpecs: bundled.weightsManifest.flatMap((group) => group.weights), weightData }),
  );
}
