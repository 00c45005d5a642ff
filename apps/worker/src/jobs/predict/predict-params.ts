import { z } from "zod";

/** A PREDICT job's params as the API writes them (publishRun, suggestFrames). */
export const predictParamsSchema = z.object({
  runId: z.uuid(),
  /** After predicting, reorder the labelling queue by this run and flag contradicted TRAIN labels. */
  suggest: z.boolean().default(false),
  suggestBatchSize: z.number().int().min(0).max(10_000).default(100),
  flagLabelErrors: z.boolean().default(true),
});

export type PredictParams = z.infer<typeof predictParamsSchema>;

export function parsePredictParams(params: unknown): PredictParams {
  const parsed = predictParamsSchema.safeParse(params);
  if (!parsed.success) throw new Error(`the prediction job's parameters are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
