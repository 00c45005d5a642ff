import { z } from "zod";

const kernelChoice = z
  .object({ kernel: z.enum(["LINEAR", "RBF", "POLY"]), degree: z.number().int().min(1, { message: "A degree of at least 1." }).max(30, { message: "A degree of at most 30." }).nullish() })
  .refine((choice) => choice.kernel !== "POLY" || choice.degree != null, { message: "A POLY kernel needs a degree.", path: ["degree"] });

/** The paper's kernels: linear, RBF and polynomials of degree 2, 3, 4, 5, 6, 10 and 20 (as @kao/ml PAPER_KERNELS). */
export const PAPER_KERNEL_CHOICES = [
  { kernel: "LINEAR" as const, degree: null },
  { kernel: "RBF" as const, degree: null },
  ...[2, 3, 4, 5, 6, 10, 20].map((degree) => ({ kernel: "POLY" as const, degree })),
];

export const startTrainingInput = z.object({
  datasetId: z.string(),
  backboneId: z.string(),
  splitVersionId: z.string(),
  kernels: z.array(kernelChoice).min(1, { message: "Pick at least one kernel." }).max(20).nullish(),
  Cs: z
    .array(z.number().positive({ message: "Every C must be positive." }).finite())
    .min(1, { message: "Give at least one C." })
    .max(30, { message: "At most 30 values of C." }),
  standardise: z.boolean().nullish(),
  classWeights: z.enum(["balanced", "none"]).nullish(),
  suggestBatchSize: z.number().int().min(0).max(10_000).nullish(),
  flagLabelErrors: z.boolean().nullish(),
});
export type StartTrainingInput = z.infer<typeof startTrainingInput>;

/** One split's metrics as the worker stores them (@kao/ml ClassificationMetrics). */
export const splitMetricsSchema = z.object({
  count: z.number(),
  accuracy: z.number(),
  balancedAccuracy: z.number(),
  precision: z.number(),
  recall: z.number(),
  specificity: z.number(),
  f1: z.number(),
  confusion: z.object({ truePositives: z.number(), falsePositives: z.number(), trueNegatives: z.number(), falseNegatives: z.number() }),
});
export type SplitMetrics = z.infer<typeof splitMetricsSchema>;

export const runMetricsSchema = z.object({
  TRAIN: splitMetricsSchema.nullable(),
  VAL: splitMetricsSchema.nullable(),
  TEST: splitMetricsSchema.nullable(),
  DISTINCT: splitMetricsSchema.nullable(),
});
export type RunMetrics = z.infer<typeof runMetricsSchema>;

export const runParamsSchema = z.object({
  variant: z.string(),
  C: z.number(),
  degree: z.number().nullable(),
  gamma: z.number().nullable(),
  coef0: z.number().nullable(),
  standardise: z.boolean(),
  classWeights: z.enum(["balanced", "none"]),
  supportCount: z.number(),
});
export type RunParams = z.infer<typeof runParamsSchema>;

export const activeLearningResultSchema = z.object({
  selectedRunId: z.string().optional(),
  suggestions: z.object({ runId: z.string(), candidates: z.number(), batch: z.array(z.string()) }).nullish(),
  labelSuspects: z.array(z.object({ frameId: z.string(), label: z.enum(["FACE", "NO_FACE"]), decisionValue: z.number() })).default([]),
  activeLearningError: z.string().nullish(),
});
