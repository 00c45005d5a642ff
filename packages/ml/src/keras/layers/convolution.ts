import { z } from "zod";
import type { KerasWeight } from "../decode-weights.ts";
import { computeTfPadding } from "../tf-padding.ts";
import { applyActivation, preActivationName } from "./activations.ts";
import { activationSchema, dataFormatSchema, intPairSchema, paddingModeSchema, parseLayerConfig } from "./layer-config.ts";
import { imageInput, scoped, type LayerConversion, type LayerConverter } from "./layer-converter.ts";

const windowConfigSchema = z.object({
  kernel_size: intPairSchema,
  strides: intPairSchema.default([1, 1]),
  padding: paddingModeSchema.default("valid"),
  dilation_rate: intPairSchema.default([1, 1]),
  activation: activationSchema,
  use_bias: z.boolean().default(true),
  data_format: dataFormatSchema,
});

const conv2dConfigSchema = windowConfigSchema.extend({
  filters: z.number().int().positive(),
  groups: z.number().int().positive().default(1),
});

const depthwiseConfigSchema = windowConfigSchema.extend({ depth_multiplier: z.number().int().positive().default(1) });

export const convertConv2D: LayerConverter = (conversion) => {
  const config = parseLayerConfig(conversion.layer, conv2dConfigSchema);
  const { shape } = imageInput(conversion);
  if (shape.channels % config.groups !== 0) throw new Error(`layer "${conversion.layer.name}": ${shape.channels} input channels do not split into ${config.groups} groups`);
  return addConv(conversion, {
    ...config,
    kernelName: "kernel",
    group: config.groups,
    kernelShape: [...config.kernel_size, shape.channels / config.groups, config.filters],
  });
};

/** DepthwiseConv2D is a grouped Conv with one group per input channel; output channel c·m + j is filter j of channel c. */
export const convertDepthwiseConv2D: LayerConverter = (conversion) => {
  const config = parseLayerConfig(conversion.layer, depthwiseConfigSchema);
  const { channels } = imageInput(conversion).shape;
  return addConv(conversion, {
    ...config,
    filters: channels * config.depth_multiplier,
    kernelName: "depthwise_kernel",
    group: channels,
    kernelShape: [...config.kernel_size, channels, config.depth_multiplier],
  });
};

interface ConvPlan extends z.output<typeof windowConfigSchema> {
  filters: number; // output channels
  group: number;
  kernelName: string;
  kernelShape: [number, number, number, number]; // the Keras kernel's expected shape
}

function addConv(conversion: LayerConversion, plan: ConvPlan) {
  const { graph, layer, output } = conversion;
  const input = imageInput(conversion);
  const [kh, kw] = plan.kernel_size;
  const kernel = conversion.weight(plan.kernelName);
  if (kernel.shape.join() !== plan.kernelShape.join()) {
    throw new Error(`layer "${layer.name}": ${plan.kernelName} has shape [${kernel.shape.join(", ")}], expected [${plan.kernelShape.join(", ")}]`);
  }
  const inputsPerGroup = input.shape.channels / plan.group;
  const kernelName = scoped(conversion, plan.kernelName);
  graph.addInitializer(kernelName, toOnnxConvKernel(kernel, kh, kw, inputsPerGroup, plan.filters), [plan.filters, inputsPerGroup, kh, kw]);
  const inputs = [input.name, kernelName];
  if (plan.use_bias) {
    const bias = conversion.weight("bias");
    if (bias.values.length !== plan.filters) throw new Error(`layer "${layer.name}": bias has ${bias.values.length} values for ${plan.filters} filters`);
    graph.addInitializer(scoped(conversion, "bias"), bias.values, [plan.filters]);
    inputs.push(scoped(conversion, "bias"));
  }
  const rows = computeTfPadding({ size: input.shape.height, kernel: kh, stride: plan.strides[0], dilation: plan.dilation_rate[0], mode: plan.padding });
  const cols = computeTfPadding({ size: input.shape.width, kernel: kw, stride: plan.strides[1], dilation: plan.dilation_rate[1], mode: plan.padding });
  const linear = preActivationName(plan.activation, output);
  graph.addNode({
    op: "Conv",
    inputs,
    outputs: [linear],
    attributes: {
      kernel_shape: { ints: [kh, kw] },
      strides: { ints: plan.strides },
      dilations: { ints: plan.dilation_rate },
      pads: { ints: [rows.padBegin, cols.padBegin, rows.padEnd, cols.padEnd] },
      group: { int: plan.group },
    },
  });
  if (linear !== output) applyActivation({ graph, activation: plan.activation, input: linear, output, layerName: layer.name });
  return { rank: 4, channels: plan.filters, height: rows.outputSize, width: cols.outputSize } as const;
}

/**
 * Keras kernel kh × kw × cinPerGroup × cout → ONNX cout × cinPerGroup × kh × kw. A depthwise kernel
 * kh × kw × c × m has the same memory layout as kh × kw × 1 × (c·m), so it goes through here too.
 */
function toOnnxConvKernel(kernel: KerasWeight, kh: number, kw: number, cinPerGroup: number, cout: number): Float32Array {
  const source = kernel.values;
  const target = new Float32Array(source.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cinPerGroup; i++) {
        const from = ((y * kw + x) * cinPerGroup + i) * cout;
        for (let o = 0; o < cout; o++) target[((o * cinPerGroup + i) * kh + y) * kw + x] = source[from + o] as number;
      }
    }
  }
  return target;
}
