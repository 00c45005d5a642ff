import { z } from "zod";
import { toOnnxAxis } from "../feature-shape.ts";
import { parseLayerConfig } from "./layer-config.ts";
import { scoped, singleInput, type LayerConverter } from "./layer-converter.ts";

const configSchema = z.object({
  // Keras 2.2 writes an int, later versions a one-element list.
  axis: z.union([z.number().int(), z.tuple([z.number().int()])]).default(-1).transform((axis) => (typeof axis === "number" ? axis : axis[0])),
  epsilon: z.number().positive().default(1e-3),
  center: z.boolean().default(true),
  scale: z.boolean().default(true),
});

/** Inference-mode BatchNormalization over the channels; a missing gamma (scale: false) is 1, a missing beta 0. */
export const convertBatchNormalization: LayerConverter = (conversion) => {
  const { graph, layer } = conversion;
  const input = singleInput(conversion);
  const config = parseLayerConfig(layer, configSchema);
  if (toOnnxAxis(config.axis, input.shape.rank) !== 1) {
    throw new Error(`layer "${layer.name}" (BatchNormalization) normalises axis ${config.axis}; only the channel axis (-1) is supported`);
  }
  const channels = input.shape.rank === 4 ? input.shape.channels : input.shape.units;
  const parameter = (shortName: string, present: boolean, fallback: number): string => {
    const name = scoped(conversion, shortName);
    const values = present ? conversion.weight(shortName).values : new Float32Array(channels).fill(fallback);
    if (values.length !== channels) throw new Error(`layer "${layer.name}": ${shortName} has ${values.length} values for ${channels} channels`);
    graph.addInitializer(name, values, [channels]);
    return name;
  };
  graph.addNode({
    op: "BatchNormalization",
    inputs: [input.name, parameter("gamma", config.scale, 1), parameter("beta", config.center, 0), parameter("moving_mean", true, 0), parameter("moving_variance", true, 1)],
    outputs: [conversion.output],
    attributes: { epsilon: { float: config.epsilon } },
  });
  return input.shape;
};
