import type { onnx } from "onnx-proto";
import { toAttributeProto, type OnnxAttributeValue } from "./attributes.ts";
import { onnxMessages } from "./onnx-proto.ts";
import { toDataTypeCode, toTensorType, type OnnxDim, type OnnxElementType } from "./tensor-types.ts";

export interface OnnxNodeSpec {
  op: string;
  /** Tensor names; "" skips an optional input (e.g. Clip's min). */
  inputs: readonly string[];
  outputs: readonly string[];
  /** Defaults to the first output's name. */
  name?: string;
  attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export interface OnnxModelOptions {
  /** Default opset for the "" (ai.onnx) domain: 13. */
  opset?: number;
  producerName?: string;
  docString?: string;
}

/**
 * An ONNX graph under construction. Nodes must be added in topological order: every input must name
 * a graph input, an initializer or an earlier node's output, so a typo fails where it is made.
 */
export interface OnnxGraph {
  addInput(name: string, shape: readonly OnnxDim[], elementType?: OnnxElementType): void;
  /** Marks an existing or future tensor as a graph output; checked in toModelBytes. */
  addOutput(name: string, shape?: readonly OnnxDim[], elementType?: OnnxElementType): void;
  /** Records the shape of an intermediate tensor (lets exposeTensor and tools see it). */
  addValueInfo(name: string, shape: readonly OnnxDim[], elementType?: OnnxElementType): void;
  /** A constant; `values` is copied, row-major with the given dims. */
  addInitializer(name: string, values: Float32Array | BigInt64Array, dims: readonly number[]): void;
  addNode(spec: OnnxNodeSpec): void;
  has(tensorName: string): boolean;
  toModelBytes(options?: OnnxModelOptions): Uint8Array;
}

// ONNX 1.10 (the version onnx-proto 8 was generated from) writes IR version 8.
const IR_VERSION = 8;
const DEFAULT_OPSET = 13;

/**
 * Starts an ONNX graph. For example, a 2×2 max pool over a 1 × 1 × 4 × 4 image:
 *
 *     const graph = createGraph({ name: "pool" });
 *     graph.addInput("image", ["N", 1, 4, 4]);
 *     graph.addNode({ op: "MaxPool", inputs: ["image"], outputs: ["pooled"], attributes: { kernel_shape: { ints: [2, 2] } } });
 *     graph.addOutput("pooled", ["N", 1, 3, 3]);
 *     const bytes = graph.toModelBytes(); // for ort.InferenceSession.create(bytes)
 */
export function createGraph(options: { name?: string } = {}): OnnxGraph {
  const graphName = options.name ?? "graph";
  const known = new Set<string>(); // inputs, initializers and node outputs so far
  const inputs: onnx.IValueInfoProto[] = [];
  const outputs: onnx.IValueInfoProto[] = [];
  const valueInfo: onnx.IValueInfoProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  const nodes: onnx.INodeProto[] = [];
  const nodeNames = new Set<string>();

  function declare(name: string, what: string): void {
    if (name === "") throw new Error(`${what} needs a non-empty tensor name`);
    if (known.has(name)) throw new Error(`${what}: tensor "${name}" is already defined in graph "${graphName}"`);
    known.add(name);
  }

  return {
    addInput(name, shape, elementType = "float32") {
      declare(name, "graph input");
      inputs.push({ name, type: toTensorType(shape, elementType) });
    },
    addOutput(name, shape, elementType = "float32") {
      if (outputs.some((output) => output.name === name)) throw new Error(`tensor "${name}" is already a graph output`);
      outputs.push({ name, type: toTensorType(shape, elementType) });
    },
    addValueInfo(name, shape, elementType = "float32") {
      valueInfo.push({ name, type: toTensorType(shape, elementType) });
    },
    addInitializer(name, values, dims) {
      const size = dims.reduce((product, dim) => product * dim, 1);
      if (dims.some((dim) => !Number.isSafeInteger(dim) || dim < 0) || size !== values.length) {
        throw new RangeError(`initializer "${name}" has ${values.length} values but dims [${dims.join(", ")}]`);
      }
      declare(name, "initializer");
      // rawData is little-endian; typed arrays use the host's order, little-endian on every platform Node ships for.
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
      initializers.push({
        name,
        dims: [...dims],
        dataType: toDataTypeCode(values instanceof Float32Array ? "float32" : "int64"),
        rawData: bytes,
      });
    },
    addNode(spec) {
      for (const input of spec.inputs) {
        if (input !== "" && !known.has(input)) {
          throw new Error(`node ${spec.op} "${spec.name ?? spec.outputs[0] ?? ""}" reads tensor "${input}", which no input, initializer or earlier node defines`);
        }
      }
      if (spec.outputs.length === 0) throw new Error(`node ${spec.op} needs at least one output`);
      for (const output of spec.outputs) declare(output, `output of node ${spec.op}`);
      const name = spec.name ?? spec.outputs[0] ?? spec.op;
      if (nodeNames.has(name)) throw new Error(`node name "${name}" is used twice`);
      nodeNames.add(name);
      nodes.push({
        name,
        opType: spec.op,
        input: [...spec.inputs],
        output: [...spec.outputs],
        attribute: Object.entries(spec.attributes ?? {}).map(([key, value]) => toAttributeProto(key, value)),
      });
    },
    has(tensorName) {
      return known.has(tensorName);
    },
    toModelBytes(modelOptions = {}) {
      if (outputs.length === 0) throw new Error(`graph "${graphName}" has no outputs`);
      for (const output of outputs) {
        if (!known.has(output.name ?? "")) throw new Error(`graph output "${output.name ?? ""}" is never computed`);
      }
      const model = onnxMessages.ModelProto.create({
        irVersion: IR_VERSION,
        opsetImport: [{ domain: "", version: modelOptions.opset ?? DEFAULT_OPSET }],
        producerName: modelOptions.producerName ?? "kao",
        docString: modelOptions.docString ?? "",
        graph: {
          name: graphName,
          node: nodes,
          initializer: initializers,
          input: inputs,
          output: outputs,
          // The checker wants value_info for intermediate tensors only.
          valueInfo: valueInfo.filter((info) => !outputs.some((output) => output.name === info.name)),
        },
      });
      return onnxMessages.ModelProto.encode(model).finish();
    },
  };
}
