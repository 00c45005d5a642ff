import type { onnx } from "onnx-proto";
import { onnxMessages } from "./onnx-proto.ts";

/**
 * Makes an intermediate tensor a graph output, so that ONNX Runtime can fetch it (a CNN's `mixed7` for
 * instance). Returns the bytes unchanged when the tensor already is an output.
 */
export function exposeTensor(modelBytes: Uint8Array, tensorName: string): Uint8Array {
  const model = onnxMessages.ModelProto.decode(modelBytes);
  const graph = model.graph;
  if (graph === null || graph === undefined) throw new Error("the ONNX model has no graph");
  const outputs = graph.output ?? [];
  if (outputs.some((output) => output.name === tensorName)) return modelBytes;

  const producedByNode = (graph.node ?? []).some((node) => (node.output ?? []).includes(tensorName));
  const known = [...(graph.valueInfo ?? []), ...(graph.input ?? [])].find((info) => info.name === tensorName);
  const initializer = (graph.initializer ?? []).find((tensor) => tensor.name === tensorName);
  if (!producedByNode && known === undefined && initializer === undefined) {
    throw new Error(`tensor "${tensorName}" is not in the ONNX graph; some of its tensors: ${describeTensorNames(graph, tensorName)}`);
  }
  graph.output = [...outputs, known ?? outputFromInitializer(tensorName, initializer) ?? untypedOutput(tensorName)];
  return onnxMessages.ModelProto.encode(model).finish();
}

function outputFromInitializer(name: string, initializer: onnx.ITensorProto | undefined): onnx.IValueInfoProto | undefined {
  if (initializer === undefined) return undefined;
  return {
    name,
    type: { tensorType: { elemType: initializer.dataType ?? 0, shape: { dim: (initializer.dims ?? []).map((dim) => ({ dimValue: dim })) } } },
  };
}

// Without value_info we do not know the element type; ONNX Runtime infers it when the output has no type.
function untypedOutput(name: string): onnx.IValueInfoProto {
  return { name };
}

// Lists the node outputs whose leading letters match the requested name's ("mixed_7" → mixed0…mixed10), else the last ones.
function describeTensorNames(graph: onnx.IGraphProto, requested: string): string {
  const names = (graph.node ?? []).flatMap((node) => node.output ?? []);
  const stemOf = (name: string) => name.toLowerCase().replace(/[^a-z].*$/, "");
  const stem = stemOf(requested);
  const similar = names.filter((name) => {
    const other = stemOf(name);
    return stem !== "" && other !== "" && (stem.startsWith(other) || other.startsWith(stem));
  });
  const shown = (similar.length > 0 ? similar : names.slice(-20)).slice(0, 20);
  return `${shown.map((name) => `"${name}"`).join(", ")} (${names.length} node outputs in all)`;
}
