import { z } from "zod";
import type { FeatureShape } from "./feature-shape.ts";
import type { KerasLayerNode } from "./parse-keras-topology.ts";

const dim = z.number().int().positive();
const configSchema = z.object({
  batch_input_shape: z.array(dim.nullable()).optional(),
  batch_shape: z.array(dim.nullable()).optional(), // Keras 3's name
  dtype: z.literal("float32", { error: "only float32 inputs are supported" }).default("float32"),
});

/** The InputLayer's `[null, h, w, c]` (or `[null, units]`) as our NCHW shape; height and width must be fixed. */
export function readInputShape(layer: KerasLayerNode): FeatureShape {
  const parsed = configSchema.safeParse(layer.config);
  if (!parsed.success) throw new Error(`input layer "${layer.name}" has an unsupported config: ${z.prettifyError(parsed.error)}`);
  const shape = parsed.data.batch_input_shape ?? parsed.data.batch_shape;
  const [, a, b, c, ...rest] = shape ?? [];
  if (shape?.length === 4 && a && b && c && rest.length === 0) return { rank: 4, channels: c, height: a, width: b };
  if (shape?.length === 2 && a) return { rank: 2, units: a };
  throw new Error(`input layer "${layer.name}" has batch shape ${JSON.stringify(shape ?? null)}; the converter needs [null, height, width, channels] with fixed sizes (or [null, units])`);
}
