import type { OnnxGraph } from "../../onnx/index.ts";
import type { KerasWeight } from "../decode-weights.ts";
import { describeShape, type FeatureShape, type TensorRef } from "../feature-shape.ts";
import type { KerasLayerNode } from "../parse-keras-topology.ts";

/** What a layer converter gets: the layer, its converted inputs, and the graph to add nodes to. */
export interface LayerConversion {
  layer: KerasLayerNode;
  inputs: readonly TensorRef[];
  graph: OnnxGraph;
  /** The layer's weight by its short Keras name ("kernel", "bias", "gamma", …). */
  weight(shortName: string): KerasWeight;
  /** The tensor the layer's result must be written to (the layer's name). */
  output: string;
}

/** Adds the layer's nodes and returns the shape of `output`. */
export type LayerConverter = (conversion: LayerConversion) => FeatureShape;

export function singleInput(conversion: LayerConversion): TensorRef {
  const [input, ...rest] = conversion.inputs;
  if (input === undefined || rest.length > 0) {
    throw new Error(`layer "${conversion.layer.name}" (${conversion.layer.className}) takes one input, got ${conversion.inputs.length}`);
  }
  return input;
}

export function imageInput(conversion: LayerConversion): TensorRef & { shape: Extract<FeatureShape, { rank: 4 }> } {
  const input = singleInput(conversion);
  const { shape } = input;
  if (shape.rank !== 4) throw new Error(`layer "${conversion.layer.name}" (${conversion.layer.className}) needs an image tensor, got ${describeShape(shape)}`);
  return { name: input.name, shape };
}

export function vectorInput(conversion: LayerConversion): TensorRef & { shape: Extract<FeatureShape, { rank: 2 }> } {
  const input = singleInput(conversion);
  const { shape } = input;
  if (shape.rank !== 2) throw new Error(`layer "${conversion.layer.name}" (${conversion.layer.className}) needs a vector (rank-2) input, got ${describeShape(shape)}; flatten first`);
  return { name: input.name, shape };
}

/** Names an intermediate tensor of this layer (`conv2d_1/kernel`). */
export function scoped(conversion: LayerConversion, suffix: string): string {
  return `${conversion.layer.name}/${suffix}`;
}
