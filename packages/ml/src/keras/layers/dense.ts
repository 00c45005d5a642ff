import { z } from "zod";
import { applyActivation, preActivationName } from "./activations.ts";
import { activationSchema, parseLayerConfig } from "./layer-config.ts";
import { scoped, vectorInput, type LayerConverter } from "./layer-converter.ts";

const configSchema = z.object({ units: z.number().int().positive(), activation: activationSchema, use_bias: z.boolean().default(true) });

/** Dense on a vector: x (N × in) · kernel (in × units) + bias, as one Gemm (Keras's kernel layout is Gemm's B). */
export const convertDense: LayerConverter = (conversion) => {
  const { graph, layer, output } = conversion;
  const input = vectorInput(conversion);
  const config = parseLayerConfig(layer, configSchema);
  const kernel = conversion.weight("kernel");
  if (kernel.shape.join() !== [input.shape.units, config.units].join()) {
    throw new Error(`layer "${layer.name}" (Dense): kernel has shape [${kernel.shape.join(", ")}], expected [${input.shape.units}, ${config.units}]`);
  }
  const kernelName = scoped(conversion, "kernel");
  graph.addInitializer(kernelName, kernel.values, [input.shape.units, config.units]);
  const biasName = scoped(conversion, "bias");
  const bias = config.use_bias ? conversion.weight("bias").values : new Float32Array(config.units);
  if (bias.length !== config.units) throw new Error(`layer "${layer.name}" (Dense): bias has ${bias.length} values for ${config.units} units`);
  graph.addInitializer(biasName, bias, [config.units]);
  const linear = preActivationName(config.activation, output);
  graph.addNode({ op: "Gemm", inputs: [input.name, kernelName, biasName], outputs: [linear] });
  if (linear !== output) applyActivation({ graph, activation: config.activation, input: linear, output, layerName: layer.name });
  return { rank: 2, units: config.units };
};
