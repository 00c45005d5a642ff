import { z } from "zod";
import type { KerasLayerNode } from "../parse-keras-topology.ts";

const positiveInt = z.number().int().positive();

/** Keras writes window sizes, strides and dilations as `3` or `[3, 3]`. */
export const intPairSchema = z
  .union([positiveInt, z.tuple([positiveInt, positiveInt])])
  .transform((value): [number, number] => (typeof value === "number" ? [value, value] : value));

export const paddingModeSchema = z.enum(["valid", "same"]);

/** Only channels-last data is converted (every Keras model with the TensorFlow backend uses it). */
export const dataFormatSchema = z.enum(["channels_last"]).nullish();

export const activationSchema = z.string().default("linear");

/** Validates a layer's config, with the layer's name and class in the message. */
export function parseLayerConfig<Schema extends z.ZodType>(layer: KerasLayerNode, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(layer.config);
  if (!parsed.success) throw new Error(`layer "${layer.name}" (${layer.className}) has a config this converter does not support: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
