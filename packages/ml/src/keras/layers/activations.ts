import { z } from "zod";
import type { OnnxGraph } from "../../onnx/index.ts";
import { toOnnxAxis } from "../feature-shape.ts";
import { activationSchema, parseLayerConfig } from "./layer-config.ts";
import { singleInput, type LayerConverter } from "./layer-converter.ts";

const supportedActivations = ["linear", "relu", "relu6", "sigmoid", "tanh", "softmax"] as const;

/**
 * Writes `activation(input)` to `output`. Softmax runs over Keras's last axis, the channels, which
 * is axis 1 in both our NCHW images and N × units vectors.
 */
export function applyActivation(options: { graph: OnnxGraph; activation: string; input: string; output: string; layerName: string }): void {
  const { graph, activation, input, output, layerName } = options;
  switch (activation) {
    case "linear":
      return graph.addNode({ op: "Identity", inputs: [input], outputs: [output] });
    case "relu":
      return graph.addNode({ op: "Relu", inputs: [input], outputs: [output] });
    case "relu6":
      return addClip({ graph, input, output, min: 0, max: 6 });
    case "sigmoid":
      return graph.addNode({ op: "Sigmoid", inputs: [input], outputs: [output] });
    case "tanh":
      return graph.addNode({ op: "Tanh", inputs: [input], outputs: [output] });
    case "softmax":
      return graph.addNode({ op: "Softmax", inputs: [input], outputs: [output], attributes: { axis: { int: 1 } } });
    default:
      throw new Error(`layer "${layerName}" uses activation "${activation}", which is not supported (supported: ${supportedActivations.join(", ")})`);
  }
}

/** Where a layer with a fused activation writes its linear result: straight to the output when linear. */
export function preActivationName(activation: string, output: string): string {
  return activation === "linear" ? output : `${output}/linear`;
}

/** Clip with `min` and/or `max` (opset ≥ 11 takes them as scalar inputs; "" leaves one open). */
export function addClip(options: { graph: OnnxGraph; input: string; output: string; min?: number; max?: number }): void {
  const { graph, input, output } = options;
  const bound = (value: number | undefined, which: string): string => {
    if (value === undefined) return "";
    const name = `${output}/clip_${which}`;
    graph.addInitializer(name, Float32Array.of(value), []);
    return name;
  };
  graph.addNode({ op: "Clip", inputs: [input, bound(options.min, "min"), bound(options.max, "max")], outputs: [output] });
}

export const convertActivation: LayerConverter = (conversion) => {
  const input = singleInput(conversion);
  const { activation } = parseLayerConfig(conversion.layer, z.object({ activation: activationSchema }));
  applyActivation({ graph: conversion.graph, activation, input: input.name, output: conversion.output, layerName: conversion.layer.name });
  return input.shape;
};

const reluConfigSchema = z.object({
  max_value: z.number().nonnegative().nullish(),
  negative_slope: z.number().nonnegative().default(0),
  threshold: z.literal(0, { error: "only threshold 0 is supported" }).default(0),
});

/** Keras ReLU: max(x, 0) (or LeakyRelu with negative_slope), then capped at max_value (6 in MobileNetV2). */
export const convertReLU: LayerConverter = (conversion) => {
  const { graph, output } = conversion;
  const input = singleInput(conversion);
  const config = parseLayerConfig(conversion.layer, reluConfigSchema);
  const maxValue = config.max_value ?? undefined;
  if (config.negative_slope === 0) {
    if (maxValue === undefined) graph.addNode({ op: "Relu", inputs: [input.name], outputs: [output] });
    else addClip({ graph, input: input.name, output, min: 0, max: maxValue });
    return input.shape;
  }
  const leaky = maxValue === undefined ? output : `${output}/leaky`;
  graph.addNode({ op: "LeakyRelu", inputs: [input.name], outputs: [leaky], attributes: { alpha: { float: config.negative_slope } } });
  if (maxValue !== undefined) addClip({ graph, input: leaky, output, max: maxValue });
  return input.shape;
};

export const convertSoftmax: LayerConverter = (conversion) => {
  const input = singleInput(conversion);
  const { axis } = parseLayerConfig(conversion.layer, z.object({ axis: z.number().int().default(-1) }));
  conversion.graph.addNode({ op: "Softmax", inputs: [input.name], outputs: [conversion.output], attributes: { axis: { int: toOnnxAxis(axis, input.shape.rank) } } });
  return input.shape;
};
