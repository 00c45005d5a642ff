import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOnnxModel } from "../onnx/testing/run-onnx-model.ts";
import { convertLayersModel } from "./convert-layers-model.ts";
import { readLayersModel } from "./read-layers-model.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kao-keras-read-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// A Keras 2.2.4 functional model: input (2) → dense_1 (2 units); kernel [[1, 2], [3, 4]], bias [0.5, −0.5].
const kernel = Float32Array.from([1, 2, 3, 4]); // in × out
const bias = Float32Array.from([0.5, -0.5]);
function topology(denseClass = "Dense") {
  return {
    keras_version: "2.2.4",
    backend: "tensorflow",
    model_config: {
      class_name: "Model",
      config: {
        name: "tiny",
        layers: [
          { name: "input_1", class_name: "InputLayer", config: { batch_input_shape: [null, 2], dtype: "float32", name: "input_1" }, inbound_nodes: [] },
          { name: "dense_1", class_name: denseClass, config: { name: "dense_1", units: 2, activation: "linear", use_bias: true }, inbound_nodes: [[["input_1", 0, 0, {}]]] },
        ],
        input_layers: [["input_1", 0, 0]],
        output_layers: [["dense_1", 0, 0]],
      },
    },
  };
}
const float32Specs = [
  { name: "dense_1/kernel", shape: [2, 2], dtype: "float32" },
  { name: "dense_1/bias", shape: [2], dtype: "float32" },
];
const float32Bytes = Buffer.concat([Buffer.from(kernel.buffer), Buffer.from(bias.buffer)]);

let counter = 0;
async function writeModelFolder(options: { files: Record<string, string | Uint8Array> }): Promise<string> {
  const folder = path.join(root, `model-${counter++}`);
  await mkdir(folder);
  for (const [name, content] of Object.entries(options.files)) await writeFile(path.join(folder, name), content);
  return folder;
}

function modelJson(options: { paths?: string[]; specs?: unknown[]; denseClass?: string } = {}): string {
  return JSON.stringify({ modelTopology: topology(options.denseClass), weightsManifest: [{ paths: options.paths ?? ["weights.bin"], weights: options.specs ?? float32Specs }] });
}

// nsfwjs's layout: browserify UMD bundles whose module.exports is the model object or the shard's base64.
function umd(exported: string): string {
  return `!function(e){if("object"==typeof exports&&"undefined"!=typeof module)module.exports=e();else{this.x=e()}}(function(){return ${exported}});`;
}

async function runDense(folder: string, input: number[]): Promise<number[]> {
  const converted = convertLayersModel(await readLayersModel(folder));
  const result = await runOnnxModel({ model: converted.onnx, feeds: { [converted.inputName]: { dims: [1, 2], data: Float32Array.from(input) } }, fetches: [converted.outputName] });
  return Array.from(result[converted.outputName]?.data ?? []);
}

describe("readLayersModel", () => {
  it("reads model.json with a plain .bin shard", async () => {
    const folder = await writeModelFolder({ files: { "model.json": modelJson(), "weights.bin": float32Bytes } });
    expect(await runDense(folder, [1, 1])).toEqual([4.5, 5.5]);
  });

  it("reads nsfwjs's model.min.js whose manifest paths name base64 UMD shards (split over two files)", async () => {
    const manifest = { modelTopology: topology(), weightsManifest: [{ paths: ["group1-shard1of2", "group1-shard2of2"], weights: float32Specs }] };
    const folder = await writeModelFolder({
      files: {
        "model.min.js": umd(JSON.stringify(manifest)),
        "group1-shard1of2.min.js": umd(JSON.stringify(float32Bytes.subarray(0, 9).toString("base64"))),
        "group1-shard2of2.min.js": umd(JSON.stringify(float32Bytes.subarray(9).toString("base64"))),
      },
    });
    expect(await runDense(folder, [2, -1])).toEqual([2 - 3 + 0.5, 4 - 4 - 0.5]);
  });

  it("dequantises uint8, uint16 and float16 weights as tfjs does (code · scale + min)", async () => {
    const specs = [
      { name: "dense_1/kernel", shape: [2, 2], dtype: "float32", quantization: { dtype: "uint8", min: -1, scale: 0.5 } },
      { name: "dense_1/bias", shape: [2], dtype: "float32", quantization: { dtype: "uint16", min: 10, scale: 0.25 } },
    ];
    const bytes = Buffer.from([0, 2, 4, 6, /* uint16 LE */ 4, 0, 0, 1]); // kernel [-1, 0, 1, 2], bias [11, 74]
    const folder = await writeModelFolder({ files: { "model.json": modelJson({ specs }), "weights.bin": bytes } });
    const model = await readLayersModel(folder);
    expect(Array.from(model.weights.get("dense_1/kernel")?.values ?? [])).toEqual([-1, 0, 1, 2]);
    expect(Array.from(model.weights.get("dense_1/bias")?.values ?? [])).toEqual([11, 10 + 256 * 0.25]);

    const halfSpecs = [{ name: "dense_1/kernel", shape: [2, 2], dtype: "float32", quantization: { dtype: "float16" } }, float32Specs[1]];
    const halves = Buffer.from(Uint16Array.from([0x3c00, 0xc000, 0x3555, 0x0001]).buffer); // 1, −2, ≈1/3, smallest subnormal
    const halfFolder = await writeModelFolder({ files: { "model.json": modelJson({ specs: halfSpecs }), "weights.bin": Buffer.concat([halves, Buffer.from(bias.buffer)]) } });
    const halfKernel = (await readLayersModel(halfFolder)).weights.get("dense_1/kernel")?.values ?? new Float32Array();
    expect(Array.from(halfKernel)).toEqual([1, -2, Math.fround(0.333251953125), Math.fround(2 ** -24)]);
  });

  it("says which shard is missing", async () => {
    const folder = await writeModelFolder({ files: { "model.json": modelJson() } });
    await expect(readLayersModel(folder)).rejects.toThrow(/weight shard "weights.bin" listed in the weights manifest is missing: neither .*weights.bin nor .*weights.bin.min.js exists/);
  });

  it("rejects a truncated shard, a shard that is not base64, a broken bundle and a path out of the folder", async () => {
    const truncated = await writeModelFolder({ files: { "model.json": modelJson(), "weights.bin": float32Bytes.subarray(0, 20) } });
    await expect(readLayersModel(truncated)).rejects.toThrow(/describes 24 bytes but the shards hold 20: a shard is truncated, corrupt or from another model/);

    const notBase64 = await writeModelFolder({ files: { "model.json": modelJson({ paths: ["shard"] }), "shard.min.js": umd(JSON.stringify("not*base64!")) } });
    await expect(readLayersModel(notBase64)).rejects.toThrow(/weight shard .*shard.min.js does not export a base64 string/);

    const broken = await writeModelFolder({ files: { "model.json": modelJson({ paths: ["shard"] }), "shard.min.js": "module.exports = (" } });
    await expect(readLayersModel(broken)).rejects.toThrow(/could not evaluate the UMD bundle .*shard.min.js/);

    const escaping = await writeModelFolder({ files: { "model.json": modelJson({ paths: ["../weights.bin"] }) } });
    await expect(readLayersModel(escaping)).rejects.toThrow(/weight shard path "..\/weights.bin" points outside the model folder/);
  });

  it("rejects folders without a model and files that are not layers models", async () => {
    const empty = await writeModelFolder({ files: {} });
    await expect(readLayersModel(empty)).rejects.toThrow(/no model.json or model.min.js in/);
    const graphModel = await writeModelFolder({ files: { "model.json": JSON.stringify({ format: "graph-model", modelTopology: { node: [] } }) } });
    await expect(readLayersModel(graphModel)).rejects.toThrow(/is not a TF.js layers model: .*weightsManifest/s);
  });
});

describe("convertLayersModel errors", () => {
  it("names an unsupported layer and its class", async () => {
    const folder = await writeModelFolder({ files: { "model.json": modelJson({ denseClass: "LSTM" }), "weights.bin": float32Bytes } });
    const model = await readLayersModel(folder);
    expect(() => convertLayersModel(model)).toThrow(/layer "dense_1" has class LSTM, which the Keras → ONNX converter does not support \(supported: InputLayer, Activation, Add/);
  });

  it("names a weight the manifest lacks, and a tap that is not a layer", async () => {
    const folder = await writeModelFolder({ files: { "model.json": modelJson({ specs: float32Specs.slice(0, 1) }), "weights.bin": float32Bytes.subarray(0, 16) } });
    const model = await readLayersModel(folder);
    expect(() => convertLayersModel(model)).toThrow(/layer "dense_1" \(Dense\) needs weight "dense_1\/bias", which the weights manifest lacks; its weights there: dense_1\/kernel/);
    const complete = await readLayersModel(await writeModelFolder({ files: { "model.json": modelJson(), "weights.bin": float32Bytes } }));
    expect(() => convertLayersModel(complete, { taps: ["mixed7"] })).toThrow(/tap "mixed7" is not a layer of model "tiny"; layers include input_1, dense_1/);
  });
});
