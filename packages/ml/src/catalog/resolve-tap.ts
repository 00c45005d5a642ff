import { onnxMessages } from "../onnx/onnx-proto.ts";
import type { TapSpec } from "./catalog.ts";

const POOLS = new Set(["MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"]);
const CLASSIFIER = new Set(["Gemm", "MatMul", "Flatten", "Reshape"]);

/**
 * The tensor a tap spec names in this model. "before-last-pool" walks the graph (ONNX lists nodes in
 * topological order) to the classifier's first node and takes the input of the last pooling node
 * before it: the final convolutional block, whatever the converter called its tensors.
 */
export function resolveTap(modelBytes: Uint8Array, tap: TapSpec): string {
  if (tap.kind === "tensor") return tap.name;
  const nodes = onnxMessages.ModelProto.decode(modelBytes).graph?.node ?? [];
  const classifierAt = nodes.findIndex((node) => CLASSIFIER.has(node.opType ?? ""));
  const before = classifierAt === -1 ? nodes : nodes.slice(0, classifierAt);
  const pool = before.filter((node) => POOLS.has(node.opType ?? "")).at(-1);
  const input = pool?.input?.[0];
  if (!input) throw new Error("could not find the last pooling layer before the classifier; register the model with an explicit tap tensor name");
  return input;
}
