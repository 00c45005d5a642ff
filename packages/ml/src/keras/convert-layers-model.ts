import { createGraph } from "../onnx/index.ts";
import type { KerasWeight } from "./decode-weights.ts";
import { describeShape, toOnnxDims, type FeatureShape, type TensorRef } from "./feature-shape.ts";
import { readInputShape } from "./input-shape.ts";
import type { LayerConversion } from "./layers/layer-converter.ts";
import { layerConverters } from "./layers/registry.ts";
import type { KerasLayerNode } from "./parse-keras-topology.ts";
import type { LayersModel } from "./read-layers-model.ts";

export interface ConvertedLayersModel {
  /** ONNX model: input N × C × H × W float32 (NCHW), opset 13. */
  onnx: Uint8Array;
  inputName: string;
  outputName: string;
  inputShape: FeatureShape;
  /** Every layer's output tensor in the ONNX graph, by Keras layer name (for exposeTensor). */
  layerOutputs: Map<string, string>;
  layerShapes: Map<string, FeatureShape>;
}

/**
 * Converts a Keras layers model to an NCHW ONNX graph with the same numbers: the caller feeds the
 * input Keras would get, transposed to NCHW, and gets Keras's outputs (image tensors as NCHW).
 * `taps` names layers whose outputs become extra graph outputs.
 */
export function convertLayersModel(model: LayersModel, options: { taps?: readonly string[] } = {}): ConvertedLayersModel {
  const { topology } = model;
  const graph = createGraph({ name: topology.name });
  const tensors = new Map<string, TensorRef>();

  for (const layer of topology.layers) {
    if (layer.className === "InputLayer") {
      const shape = readInputShape(layer);
      graph.addInput(layer.name, toOnnxDims(shape));
      tensors.set(layer.name, { name: layer.name, shape });
      continue;
    }
    const convert = layerConverters[layer.className];
    if (convert === undefined) {
      throw new Error(`layer "${layer.name}" has class ${layer.className}, which the Keras → ONNX converter does not support (supported: InputLayer, ${Object.keys(layerConverters).join(", ")})`);
    }
    const conversion: LayerConversion = {
      layer,
      inputs: layer.inbound.map((source) => {
        const input = tensors.get(source);
        if (input === undefined) throw new Error(`layer "${layer.name}" reads "${source}" before it is computed`);
        return input;
      }),
      graph,
      weight: (shortName) => findWeight(model.weights, layer, shortName),
      output: layer.name,
    };
    const shape = convert(conversion);
    graph.addValueInfo(layer.name, toOnnxDims(shape));
    tensors.set(layer.name, { name: layer.name, shape });
  }

  const input = tensors.get(topology.inputLayer);
  const output = tensors.get(topology.outputLayer);
  if (input === undefined || output === undefined) throw new Error(`the model's input "${topology.inputLayer}" or output "${topology.outputLayer}" is not among its layers`);
  graph.addOutput(output.name, toOnnxDims(output.shape));
  for (const tap of new Set(options.taps ?? [])) {
    const tensor = tensors.get(tap);
    if (tensor === undefined) throw new Error(`tap "${tap}" is not a layer of model "${topology.name}"; layers include ${[...tensors.keys()].slice(-10).join(", ")}`);
    if (tensor.name !== output.name) graph.addOutput(tensor.name, toOnnxDims(tensor.shape));
  }
  return {
    onnx: graph.toModelBytes({ docString: `Keras model "${topology.name}" converted by kao (input ${describeShape(input.shape)})` }),
    inputName: input.name,
    outputName: output.name,
    inputShape: input.shape,
    layerOutputs: new Map([...tensors].map(([layerName, tensor]) => [layerName, tensor.name])),
    layerShapes: new Map([...tensors].map(([layerName, tensor]) => [layerName, tensor.shape])),
  };
}

/** `<layer>/<name>`, or TF 2.2's `<layer>/<cell>/<name>`. */
function findWeight(weights: ReadonlyMap<string, KerasWeight>, layer: KerasLayerNode, shortName: string): KerasWeight {
  const exact = weights.get(`${layer.name}/${shortName}`);
  if (exact !== undefined) return exact;
  const prefix = `${layer.name}/`;
  const nested = [...weights.keys()].filter((name) => name.startsWith(prefix) && name.endsWith(`/${shortName}`));
  const [only, ...others] = nested;
  if (only !== undefined && others.length === 0) {
    const weight = weights.get(only);
    if (weight !== undefined) return weight;
  }
  const own = [...weights.keys()].filter((name) => name.startsWith(prefix));
  throw new Error(`layer "${layer.name}" (${layer.className}) needs weight "${prefix}${shortName}", which the weights manifest lacks; its weights there: ${own.length > 0 ? own.join(", ") : "none"}`);
}
