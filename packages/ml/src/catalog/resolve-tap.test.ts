import { describe, expect, it } from "vitest";
import { createGraph } from "../onnx/index.ts";
import { resolveTap } from "./resolve-tap.ts";

// AlexNet's shape in miniature: conv → relu → pool → conv → relu ("relu5") → pool → flatten → gemm.
function alexLike() {
  const graph = createGraph();
  graph.addInput("data_0", [1, 3, 8, 8]);
  graph.addInitializer("w1", new Float32Array(4 * 3 * 9), [4, 3, 3, 3]);
  graph.addInitializer("w2", new Float32Array(4 * 4 * 9), [4, 4, 3, 3]);
  graph.addInitializer("fc", new Float32Array(4 * 2), [4, 2]);
  graph.addNode({ op: "Conv", inputs: ["data_0", "w1"], outputs: ["conv1_1"], attributes: { pads: [1, 1, 1, 1] } });
  graph.addNode({ op: "Relu", inputs: ["conv1_1"], outputs: ["relu1_1"] });
  graph.addNode({ op: "MaxPool", inputs: ["relu1_1"], outputs: ["pool1_1"], attributes: { kernel_shape: [2, 2], strides: [2, 2] } });
  graph.addNode({ op: "Conv", inputs: ["pool1_1", "w2"], outputs: ["conv5_1"], attributes: { pads: [1, 1, 1, 1] } });
  graph.addNode({ op: "Relu", inputs: ["conv5_1"], outputs: ["relu5_1"] });
  graph.addNode({ op: "GlobalMaxPool", inputs: ["relu5_1"], outputs: ["pool5_1"] });
  graph.addNode({ op: "Flatten", inputs: ["pool5_1"], outputs: ["flat"] });
  graph.addNode({ op: "MaxPool", inputs: ["relu5_1"], outputs: ["decoy"], attributes: { kernel_shape: [2, 2] } }); // after the classifier starts
  graph.addNode({ op: "Gemm", inputs: ["flat", "fc"], outputs: ["prob_1"] });
  graph.addOutput("prob_1", [1, 2]);
  return graph.toModelBytes();
}

describe("resolveTap", () => {
  it("finds the last conv block's output before the classifier", () => {
    expect(resolveTap(alexLike(), { kind: "before-last-pool" })).toBe("relu5_1");
  });

  it("passes explicit names through", () => {
    expect(resolveTap(alexLike(), { kind: "tensor", name: "mixed7" })).toBe("mixed7");
  });

  it("says what to do when the model has no pooling layer", () => {
    const graph = createGraph();
    graph.addInput("x", [1, 2]);
    graph.addNode({ op: "Relu", inputs: ["x"], outputs: ["y"] });
    graph.addOutput("y", [1, 2]);
    expect(() => resolveTap(graph.toModelBytes(), { kind: "before-last-pool" })).toThrow(/explicit tap tensor name/);
  });
});
