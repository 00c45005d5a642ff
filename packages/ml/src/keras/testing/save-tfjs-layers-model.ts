import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type * as tf from "@tensorflow/tfjs";

/**
 * Writes a tfjs model as a layers-model folder (model.json + one float32 weights.bin), the format
 * tfjs's `model.save("file://…")` writes, which needs tfjs-node and so is not available here.
 */
export async function saveTfjsLayersModel(model: tf.LayersModel, folder: string): Promise<void> {
  const weights = [];
  const chunks: Uint8Array[] = [];
  for (const variable of model.weights) {
    const values = await variable.read().data();
    if (!(values instanceof Float32Array)) throw new Error(`weight ${variable.originalName} is not float32`);
    weights.push({ name: variable.originalName, shape: variable.shape, dtype: "float32" });
    chunks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "weights.bin"), Buffer.concat(chunks));
  const modelJson = { format: "layers-model", modelTopology: model.toJSON(null, false), weightsManifest: [{ paths: ["weights.bin"], weights }] };
  await writeFile(path.join(folder, "model.json"), JSON.stringify(modelJson));
}
