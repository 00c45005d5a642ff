import { z } from "zod";
import { describeShape, toOnnxAxis, type FeatureShape } from "../feature-shape.ts";
import { parseLayerConfig } from "./layer-config.ts";
import { scoped, type LayerConverter } from "./layer-converter.ts";

/** Element-wise sum of two or more tensors of one shape (MobileNetV2's residual connections). */
export const convertAdd: LayerConverter = (conversion) => {
  const { graph, layer, inputs, output } = conversion;
  const [first, ...rest] = inputs;
  if (first === undefined || rest.length === 0) throw new Error(`layer "${layer.name}" (Add) needs at least two inputs, got ${inputs.length}`);
  for (const input of rest) {
    if (describeShape(input.shape) !== describeShape(first.shape)) {
      throw new Error(`layer "${layer.name}" (Add) adds ${describeShape(first.shape)} and ${describeShape(input.shape)}; broadcasting is not supported`);
    }
  }
  let sum = first.name;
  rest.forEach((input, index) => {
    const target = index === rest.length - 1 ? output : scoped(conversion, `sum_${index}`);
    graph.addNode({ op: "Add", inputs: [sum, input.name], outputs: [target] });
    sum = target;
  });
  return first.shape;
};

/** Concatenation along a Keras axis (the channels in InceptionV3's mixed blocks), mapped to our layout. */
export const convertConcatenate: LayerConverter = (conversion) => {
  const { layer, inputs } = conversion;
  const [first] = inputs;
  if (first === undefined) throw new Error(`layer "${layer.name}" (Concatenate) has no inputs`);
  const { axis } = parseLayerConfig(layer, z.object({ axis: z.number().int().default(-1) }));
  const rank = first.shape.rank;
  const axisIndex = toOnnxAxis(axis, rank) - 1; // index into the dims without the batch
  if (axisIndex < 0) throw new Error(`layer "${layer.name}" (Concatenate) joins along the batch axis, which is not supported`);
  const dimsOf = (shape: FeatureShape): number[] => (shape.rank === 4 ? [shape.channels, shape.height, shape.width] : [shape.units]);
  const base = dimsOf(first.shape);
  for (const input of inputs) {
    const dims = dimsOf(input.shape);
    if (input.shape.rank !== rank || dims.some((size, i) => i !== axisIndex && size !== base[i])) {
      throw new Error(`layer "${layer.name}" (Concatenate) cannot join ${describeShape(first.shape)} and ${describeShape(input.shape)} on axis ${axis}`);
    }
  }
  const joined = base.map((size, i) => (i === axisIndex ? inputs.reduce((sum, input) => sum + (dimsOf(input.shape)[i] ?? 0), 0) : size));
  conversion.graph.addNode({ op: "Concat", inputs: inputs.map((input) => input.name), outputs: [conversion.output], attributes: { axis: { int: axisIndex + 1 } } });
  const [a = 0, b = 0, c = 0] = joined;
  return rank === 4 ? { rank, channels: a, height: b, width: c } : { rank, units: a };
};
