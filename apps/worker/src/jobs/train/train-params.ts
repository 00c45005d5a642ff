import { z } from "zod";

/**
 * A TRAIN job's params as the API writes them (modules/training/service/contracts.ts validates the
 * same shape with friendlier messages); parsed again here because a job row outlives code versions.
 */
export const trainParamsSchema = z.object({
  backboneId: z.uuid(),
  splitVersionId: z.uuid(),
  kernels: z
    .array(z.object({ kernel: z.enum(["LINEAR", "RBF", "POLY"]), degree: z.number().int().min(1).max(30).nullish() }))
    .min(1),
  Cs: z.array(z.number().positive()).min(1),
  standardise: z.boolean().default(false),
  classWeights: z.enum(["balanced", "none"]).default("balanced"),
  /** How many frames the active-learning batch puts first in the labelling queue. */
  suggestBatchSize: z.number().int().min(0).max(10_000).default(100),
  /** Flag TRAIN labels that cross-validation contradicts, sending them to review. */
  flagLabelErrors: z.boolean().default(true),
});

export type TrainParams = z.infer<typeof trainParamsSchema>;

export function parseTrainParams(params: unknown): TrainParams {
  const parsed = trainParamsSchema.safeParse(params);
  if (!parsed.success) throw new Error(`the training job's parameters are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
