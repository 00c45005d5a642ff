import { describe, expect, it } from "vitest";
import { exposeTensor } from "./expose-tensor.ts";
import { createGraph } from "./graph-builder.ts";
import { runOnnxModel } from "./testing/run-onnx-model.ts";

// 1 × 1 × 4 × 4
const image = Float32Array.from([
  1, -2, 3, 0,
  4, 5, -6, 2,
  -1, 0, 2, 3,
  2, -3, 1, 4,
]);

/** Conv 2×2 (2 filters) → Relu → MaxPool 2×2 stride 2 with one cell of end padding → GlobalMaxPool. */
function buildTinyCnn(): Uint8Array {
  const graph = createGraph({ name: "tiny" });
  graph.addInput("image", ["N", 1, 4, 4]);
  // filter 0 adds the diagonal, filter 1 is 1 − (window sum)
  graph.addInitializer("kernel", Float32Array.from([1, 0, 0, 1, -1, -1, -1, -1]), [2, 1, 2, 2]);
  graph.addInitializer("bias", Float32Array.from([0, 1]), [2]);
  graph.addNode({ op: "Conv", inputs: ["image", "kernel", "bias"], outputs: ["conv"], attributes: { kernel_shape: { ints: [2, 2] } } });
  graph.addNode({ op: "Relu", inputs: ["conv"], outputs: ["relu"] });
  graph.addValueInfo("relu", ["N", 2, 3, 3]);
  // plain arrays are INTS
  graph.addNode({ op: "MaxPool", inputs: ["relu"], outputs: ["pool"], attributes: { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 1, 1] } });
  graph.addNode({ op: "GlobalMaxPool", inputs: ["pool"], outputs: ["features"] });
  graph.addOutput("features", ["N", 2, 1, 1]);
  return graph.toModelBytes();
}

describe("createGraph", () => {
  it("builds a conv/relu/pool model that ONNX Runtime runs to the hand-computed numbers", async () => {
    const result = await runOnnxModel({ model: buildTinyCnn(), feeds: { image: { dims: [1, 1, 4, 4], data: image } }, fetches: ["features"] });
    expect(result["features"]?.dims).toEqual([1, 2, 1, 1]);
    expect(Array.from(result["features"]?.data ?? [])).toEqual([7, 3]);
  });

  it("exposes an intermediate tensor with the shape it was declared with", async () => {
    const model = exposeTensor(exposeTensor(buildTinyCnn(), "relu"), "pool");
    const result = await runOnnxModel({ model, feeds: { image: { dims: [1, 1, 4, 4], data: image } }, fetches: ["relu", "pool"] });
    expect(Array.from(result["relu"]?.data ?? [])).toEqual([6, 0, 5, 4, 7, 0, 0, 1, 6, /* filter 1 */ 0, 1, 2, 0, 0, 0, 3, 1, 0]);
    expect(result["pool"]?.dims).toEqual([1, 2, 2, 2]);
    expect(Array.from(result["pool"]?.data ?? [])).toEqual([7, 5, 1, 6, 1, 2, 3, 0]);
  });

  it("exposes a tensor that has no declared shape (ONNX Runtime infers its type)", async () => {
    const result = await runOnnxModel({ model: exposeTensor(buildTinyCnn(), "conv"), feeds: { image: { dims: [1, 1, 4, 4], data: image } }, fetches: ["conv"] });
    expect(Array.from(result["conv"]?.data.subarray(0, 9) ?? [])).toEqual([6, -8, 5, 4, 7, -3, -4, 1, 6]);
  });

  it("leaves a model alone when the tensor already is an output", () => {
    const model = buildTinyCnn();
    expect(exposeTensor(model, "features")).toBe(model);
  });

  it("names similar tensors when asked for one that does not exist", () => {
    expect(() => exposeTensor(buildTinyCnn(), "pooling")).toThrow(/tensor "pooling" is not in the ONNX graph; some of its tensors: "pool" \(4 node outputs in all\)/);
  });

  it("rejects reads of undefined tensors, duplicate names and initializers that do not match their dims", () => {
    const graph = createGraph();
    graph.addInput("x", [1, 2]);
    expect(() => graph.addNode({ op: "Relu", inputs: ["y"], outputs: ["z"] })).toThrow(/reads tensor "y", which no input/);
    expect(() => graph.addInitializer("x", Float32Array.from([1, 2]), [2])).toThrow(/tensor "x" is already defined/);
    expect(() => graph.addInitializer("w", Float32Array.from([1, 2, 3]), [2, 2])).toThrow(/has 3 values but dims \[2, 2\]/);
    expect(() => graph.addNode({ op: "Cast", inputs: ["x"], outputs: ["c"], attributes: { to: { int: 1.5 } } })).toThrow(/must hold integers/);
    graph.addOutput("missing");
    expect(() => graph.toModelBytes()).toThrow(/graph output "missing" is never computed/);
  });

  it("types plain attribute values by content, and takes { float } for whole-number floats", async () => {
    const graph = createGraph();
    graph.addInput("x", [1, 4]);
    graph.addNode({ op: "LeakyRelu", inputs: ["x"], outputs: ["leaky"], attributes: { alpha: 0.5 } });
    graph.addNode({ op: "LeakyRelu", inputs: ["leaky"], outputs: ["y"], attributes: { alpha: { float: 2 } } });
    graph.addOutput("y", [1, 4]);
    const result = await runOnnxModel({ model: graph.toModelBytes(), feeds: { x: { dims: [1, 4], data: Float32Array.from([-4, -1, 0, 3]) } }, fetches: ["y"] });
    expect(Array.from(result["y"]?.data ?? [])).toEqual([-4, -1, 0, 3]);
  });

  it("writes int64 initializers (Pad's pads input)", async () => {
    const graph = createGraph();
    graph.addInput("x", [1, 1, 1, 2]);
    graph.addInitializer("pads", BigInt64Array.from([0n, 0n, 0n, 1n, 0n, 0n, 0n, 2n]), [8]);
    graph.addNode({ op: "Pad", inputs: ["x", "pads"], outputs: ["y"] });
    graph.addOutput("y", [1, 1, 1, 5]);
    const result = await runOnnxModel({ model: graph.toModelBytes(), feeds: { x: { dims: [1, 1, 1, 2], data: Float32Array.from([3, 4]) } }, fetches: ["y"] });
    expect(Array.from(result["y"]?.data ?? [])).toEqual([0, 3, 4, 0, 0]);
  });
});
