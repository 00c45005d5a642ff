import * as tf from "@tensorflow/tfjs";
import { nhwcToNchw } from "./tensor-comparison.ts";

/**
 * Runs a tfjs model and returns the named layers' outputs in the converter's layout (images NCHW),
 * keyed by layer name.
 */
export async function predictLayerOutputs(options: {
  model: tf.LayersModel;
  layerNames: readonly string[];
  input: Float32Array; // n × h × w × c
  inputDims: readonly [number, number, number, number] | readonly [number, number];
}): Promise<Map<string, Float32Array>> {
  const { model, layerNames } = options;
  const outputs = layerNames.map((name) => {
    const output = model.getLayer(name).output;
    if (Array.isArray(output)) throw new Error(`layer ${name} has several outputs`);
    return output;
  });
  const probe = tf.model({ inputs: model.inputs, outputs });
  const input = tf.tensor(options.input, [...options.inputDims]);
  const predicted = probe.predict(input);
  const tensors = Array.isArray(predicted) ? predicted : [predicted];
  const result = new Map<string, Float32Array>();
  for (const [index, tensor] of tensors.entries()) {
    const values = await tensor.data();
    if (!(values instanceof Float32Array)) throw new Error("tfjs returned a non-float tensor");
    const [n = 0, h = 0, w = 0, c = 0] = tensor.shape;
    result.set(layerNames[index] ?? "", tensor.rank === 4 ? nhwcToNchw(values, [n, h, w, c]) : values);
    tensor.dispose();
  }
  input.dispose();
  return result;
}
