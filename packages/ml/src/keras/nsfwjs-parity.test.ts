import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importNsfwjsModel } from "./import-nsfwjs-model.ts";
import { locateNsfwjsModel, type NsfwjsModelName } from "./locate-nsfwjs-model.ts";
import { loadNsfwjsInTfjs } from "./testing/load-nsfwjs-in-tfjs.ts";
import { compareTensors, nhwcToNchw, seededUniform } from "./testing/tensor-comparison.ts";
import { predictLayerOutputs } from "./testing/tfjs-outputs.ts";

// The shipped models against tfjs on one random image in the models' input range [-1, 1].
// Criterion: max |onnx − tfjs| / max(max |tfjs|, 1e-6) < 1e-3 for each compared tensor.
const MAX_RELATIVE_DIFFERENCE = 1e-3;

let cacheDir: string;
beforeAll(async () => {
  await tf.setBackend("cpu");
  cacheDir = await mkdtemp(path.join(tmpdir(), "kao-nsfwjs-"));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function compareWithTfjs(name: NsfwjsModelName, layers: readonly string[]) {
  const imported = await importNsfwjsModel(name, { cacheDir });
  const size = imported.inputSize;
  const nhwc = seededUniform(size * size * 3, 42);
  const session = await ort.InferenceSession.create(imported.path, { intraOpNumThreads: 2 });
  const fetches = layers.map((layer) => (layer === "logits" ? imported.outputName : layer));
  const onnxOutputs = await session.run({ [imported.inputName]: new ort.Tensor("float32", nhwcToNchw(nhwc, [1, size, size, 3]), [1, 3, size, size]) }, fetches);
  await session.release();

  const reference = await loadNsfwjsInTfjs((await locateNsfwjsModel(name)).folder);
  const tfjsOutputs = await predictLayerOutputs({ model: reference, layerNames: fetches, input: nhwc, inputDims: [1, size, size, 3] });
  reference.dispose();
  const differences = Object.fromEntries(
    fetches.map((fetch, index) => {
      const actual = onnxOutputs[fetch]?.data;
      const expected = tfjsOutputs.get(fetch);
      if (!(actual instanceof Float32Array) || expected === undefined) throw new Error(`no ${fetch} output`);
      const difference = compareTensors(actual, expected);
      console.info(`${name} ${layers[index]} (${fetch}): max abs ${difference.maxAbs.toExponential(2)}, max rel ${difference.maxRel.toExponential(2)}`);
      return [layers[index] ?? fetch, difference];
    }),
  );
  return { imported, differences };
}

describe("nsfwjs's shipped models converted to ONNX", () => {
  it("MobileNetV2: out_relu and the class probabilities match tfjs", async () => {
    const { differences } = await compareWithTfjs("mobilenet_v2", ["out_relu", "block_15_add", "logits"]);
    for (const [layer, difference] of Object.entries(differences)) expect(difference.maxRel, layer).toBeLessThan(MAX_RELATIVE_DIFFERENCE);
  }, 120_000);

  // tfjs's pure-JS backend needs about 30 s for one 299×299 InceptionV3 pass on these machines.
  it("InceptionV3: mixed7, mixed10 and the class probabilities match tfjs", async () => {
    const { imported, differences } = await compareWithTfjs("inception_v3", ["mixed7", "mixed10", "logits"]);
    expect(imported.defaultTap).toBe("mixed10");
    expect(imported.taps.map((tap) => tap.name)).toEqual(Array.from({ length: 11 }, (_, i) => `mixed${i}`));
    expect(imported.taps).toContainEqual({ name: "mixed10", channels: 2048, height: 8, width: 8 });
    expect(imported.taps).toContainEqual({ name: "mixed7", channels: 768, height: 17, width: 17 });
    for (const [layer, difference] of Object.entries(differences)) expect(difference.maxRel, layer).toBeLessThan(MAX_RELATIVE_DIFFERENCE);
  }, 300_000);
});
