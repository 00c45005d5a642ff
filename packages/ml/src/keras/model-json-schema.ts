import { z } from "zod";

/** One tensor in a TF.js weights manifest; `quantization` means the bytes hold uint8/uint16/float16 codes. */
export const weightSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.string(),
  quantization: z
    .object({
      dtype: z.enum(["uint8", "uint16", "float16"]),
      min: z.number().optional(),
      scale: z.number().optional(),
    })
    .optional(),
});
export type WeightSpec = z.infer<typeof weightSpecSchema>;

/** TF.js layers-model file (model.json): Keras topology plus where the weights are. */
export const modelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string().min(1)).min(1),
      weights: z.array(weightSpecSchema),
    }),
  ),
});
export type ModelJson = z.infer<typeof modelJsonSchema>;
