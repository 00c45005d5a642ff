import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOnnxModel } from "../onnx/testing/run-onnx-model.ts";
import { convertLayersModel } from "./convert-layers-model.ts";
import { readLayersModel } from "./read-layers-model.ts";
import { saveTfjsLayersModel } from "./testing/save-tfjs-layers-model.ts";
import { compareTensors, nhwcToNchw, seededUniform, type TensorDifference } from "./testing/tensor-comparison.ts";
import { predictLayerOutputs } from "./testing/tfjs-outputs.ts";

// Parity criterion: for every layer, max |onnx − tfjs| / max(max |tfjs|, 1e-6) < 1e-3.
const MAX_RELATIVE_DIFFERENCE = 1e-3;
const BATCH = 2;

let folder: string;
beforeAll(async () => {
  await tf.setBackend("cpu");
  folder = await mkdtemp(path.join(tmpdir(), "kao-keras-parity-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Layer = tf.SymbolicTensor;
const apply = (layer: tf.layers.Layer, input: Layer | Layer[]): Layer => {
  const output = layer.apply(input);
  if (output instanceof tf.SymbolicTensor) return output;
  throw new Error(`layer ${layer.name} did not return one symbolic tensor`);
};

/** A functional model that uses every supported layer type, odd and even kernels, strides 1 and 2 and both paddings. */
function buildEveryLayerModel(): tf.LayersModel {
  const L = tf.layers;
  const image = tf.input({ shape: [11, 10, 3], name: "image" }); // odd height, even width
  const a = apply(L.conv2d({ name: "conv_same_k3_s1", filters: 6, kernelSize: 3, padding: "same", activation: "relu" }), image);
  const b = apply(L.conv2d({ name: "conv_same_k2_s2", filters: 5, kernelSize: 2, strides: 2, padding: "same" }), a);
  const c = apply(L.conv2d({ name: "conv_same_k4_s1", filters: 4, kernelSize: 4, padding: "same", activation: "tanh", useBias: false }), a);
  const d = apply(L.conv2d({ name: "conv_valid_k3_s2", filters: 4, kernelSize: 3, strides: 2, activation: "sigmoid" }), a);
  const e = apply(L.conv2d({ name: "conv_dilated", filters: 4, kernelSize: 3, dilationRate: 2, padding: "same", activation: "relu6", useBias: false }), a);
  const f = apply(L.conv2d({ name: "conv_rect_k3x2_s2", filters: 3, kernelSize: [3, 2], strides: 2, padding: "same" }), image);
  const padded = apply(L.zeroPadding2d({ name: "pad_bottom_right", padding: [[0, 1], [0, 1]] }), a);
  const afterPad = apply(L.conv2d({ name: "conv_after_pad", filters: 4, kernelSize: 3, strides: 2 }), padded);
  const dw = apply(L.depthwiseConv2d({ name: "depthwise_same_s2_m2", kernelSize: 3, strides: 2, padding: "same", depthMultiplier: 2 }), a);
  const dwValid = apply(L.depthwiseConv2d({ name: "depthwise_valid_k2", kernelSize: 2, useBias: false }), b);
  const bnFull = apply(L.batchNormalization({ name: "bn_full", epsilon: 1e-3 }), dw);
  const bnNoScale = apply(L.batchNormalization({ name: "bn_no_scale", scale: false }), c);
  const bnNoCenter = apply(L.batchNormalization({ name: "bn_no_center", center: false, epsilon: 0.01 }), e);
  const relu6 = apply(L.reLU({ name: "relu_max6", maxValue: 6 }), bnFull);
  const relu = apply(L.reLU({ name: "relu_plain" }), bnNoScale);
  const act6 = apply(L.activation({ name: "activation_relu6", activation: "relu6" }), bnNoCenter);
  const sum = apply(L.add({ name: "add_three" }), [relu, act6, bnNoScale]);
  const channelSoftmax = apply(L.activation({ name: "activation_softmax", activation: "softmax" }), sum);
  const maxSame = apply(L.maxPooling2d({ name: "max_same_k2_s2", poolSize: 2, strides: 2, padding: "same" }), a);
  const maxValid = apply(L.maxPooling2d({ name: "max_valid_k3_s2", poolSize: 3, strides: 2 }), a);
  const avgSame3 = apply(L.averagePooling2d({ name: "avg_same_k3_s1", poolSize: 3, strides: 1, padding: "same" }), a);
  const avgSame2 = apply(L.averagePooling2d({ name: "avg_same_k2_s2", poolSize: 2, strides: 2, padding: "same" }), a);
  const avgValid = apply(L.averagePooling2d({ name: "avg_valid_k2", poolSize: 2 }), avgSame3);
  const joined = apply(L.concatenate({ name: "concat_channels" }), [relu6, b, maxSame, avgSame2, f]);
  const flat = apply(L.flatten({ name: "flatten" }), joined);
  const dense = apply(L.dense({ name: "dense_relu", units: 8, activation: "relu" }), flat);
  const dropped = apply(L.dropout({ name: "dropout", rate: 0.5 }), dense);
  const pooled = [d, afterPad, dwValid, maxValid, avgValid].map((branch, i) =>
    apply(i % 2 === 0 ? L.globalAveragePooling2d({ name: `gap_${i}` }) : L.globalMaxPooling2d({ name: `gmp_${i}` }), branch),
  );
  const channelMax = apply(L.globalMaxPooling2d({ name: "gmp_softmax" }), channelSoftmax);
  const vectors = apply(L.concatenate({ name: "concat_vectors" }), [dropped, channelMax, ...pooled]);
  const logits = apply(L.dense({ name: "dense_logits", units: 4, useBias: false }), vectors);
  const probabilities = apply(L.softmax({ name: "softmax" }), logits);
  return tf.model({ inputs: image, outputs: probabilities, name: "every_layer" });
}

/** Random but tame weights (seeded): BN statistics must differ from 0 / 1 for the test to mean anything. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  model.setWeights(
    model.weights.map((variable, index) => {
      const shape = variable.shape.map((dim) => dim ?? 1); // weights have no unknown dims
      const size = shape.reduce((product, dim) => product * dim, 1);
      const positive = /moving_variance|gamma/.test(variable.originalName);
      return tf.tensor(seededUniform(size, seed + index, positive ? 0.5 : -0.5, positive ? 1.5 : 0.5), shape);
    }),
  );
}

async function convertAndCompare(model: tf.LayersModel, name: string, inputDims: [number, number, number, number] | [number, number]) {
  const modelFolder = path.join(folder, name);
  await saveTfjsLayersModel(model, modelFolder);
  const layerNames = model.layers.filter((layer) => layer.getClassName() !== "InputLayer").map((layer) => layer.name);
  const converted = convertLayersModel(await readLayersModel(modelFolder), { taps: layerNames });
  const nhwc = seededUniform(inputDims.reduce((p, d) => p * d, 1), 7, -2, 2);
  const [n = 0, h = 0, w = 0, c = 0] = inputDims;
  const feed = inputDims.length === 4 ? { dims: [n, c, h, w], data: nhwcToNchw(nhwc, [n, h, w, c]) } : { dims: inputDims, data: nhwc };
  const fetches = layerNames.map((layer) => converted.layerOutputs.get(layer) ?? layer);
  const onnxOutputs = await runOnnxModel({ model: converted.onnx, feeds: { [converted.inputName]: feed }, fetches });
  const tfjsOutputs = await predictLayerOutputs({ model, layerNames, input: nhwc, inputDims });
  const differences = new Map<string, TensorDifference>();
  for (const layer of layerNames) {
    const actual = onnxOutputs[converted.layerOutputs.get(layer) ?? layer];
    const expected = tfjsOutputs.get(layer);
    if (actual === undefined || expected === undefined) throw new Error(`no output for layer ${layer}`);
    differences.set(layer, compareTensors(actual.data, expected));
  }
  return { converted, differences };
}

describe("convertLayersModel against tfjs", () => {
  it("matches every layer of a functional model that uses every supported layer type", async () => {
    const model = buildEveryLayerModel();
    randomizeWeights(model, 1000);
    const { converted, differences } = await convertAndCompare(model, "every-layer", [BATCH, 11, 10, 3]);

    const worst = [...differences].reduce((a, b) => (b[1].maxRel > a[1].maxRel ? b : a));
    console.info(`every-layer model: ${differences.size} layers, worst ${worst[0]} max abs ${worst[1].maxAbs.toExponential(2)}, max rel ${worst[1].maxRel.toExponential(2)}`);
    for (const [layer, difference] of differences) expect(difference.maxRel, layer).toBeLessThan(MAX_RELATIVE_DIFFERENCE);
    // TensorFlow's `same` rules: ceil(11 / 2) × ceil(10 / 2), and the padded 12 × 11 map under a valid 3×3 stride-2 conv
    expect(converted.layerShapes.get("conv_same_k2_s2")).toEqual({ rank: 4, channels: 5, height: 6, width: 5 });
    expect(converted.layerShapes.get("conv_after_pad")).toEqual({ rank: 4, channels: 4, height: 5, width: 5 });
    expect(converted.layerShapes.get("concat_channels")).toEqual({ rank: 4, channels: 12 + 5 + 6 + 6 + 3, height: 6, width: 5 });
  }, 60_000);

  it("matches a Sequential model (no InputLayer in its config) that flattens an image and normalises vectors", async () => {
    const L = tf.layers;
    const model = tf.sequential({
      layers: [
        L.flatten({ name: "flatten_first", inputShape: [4, 3, 2] }),
        L.dense({ name: "dense_hidden", units: 6, activation: "relu" }),
        L.batchNormalization({ name: "bn_vector" }),
        L.dense({ name: "dense_out", units: 5 }),
        L.activation({ name: "tanh", activation: "tanh" }),
        L.softmax({ name: "softmax_out" }),
      ],
    });
    randomizeWeights(model, 2000);
    const { converted, differences } = await convertAndCompare(model, "sequential", [3, 4, 3, 2]);
    expect(converted.inputName).toBe("flatten_first_input");
    expect(converted.outputName).toBe("softmax_out");
    for (const [layer, difference] of differences) expect(difference.maxRel, layer).toBeLessThan(MAX_RELATIVE_DIFFERENCE);
  }, 30_000);
});
