import { z } from "zod";

const channelValues = z.array(z.number().finite()).max(3, { message: "At most one value per channel (3)." });

export const registerBackboneInput = z.object({
  name: z.string().trim().min(1, { message: "Name the backbone." }).max(120),
  path: z.string().trim().min(1, { message: "Give the ONNX file's path on the server." }).max(1000),
  tap: z.string().trim().min(1, { message: "Give the tap: a tensor name, or before-last-pool." }).max(300),
  pooling: z.enum(["MAX", "AVG"]).nullish(),
  width: z.number().int().min(8).max(2048).nullish(),
  height: z.number().int().min(8).max(2048).nullish(),
  channelOrder: z.enum(["RGB", "BGR"]).nullish(),
  scale: z.number().positive().finite().nullish(),
  mean: channelValues.nullish(),
  std: channelValues.refine((values) => values.every((value) => value !== 0), { message: "A std of 0 would divide by zero." }).nullish(),
});
export type RegisterBackboneInput = z.infer<typeof registerBackboneInput>;

/** The tap spec "before-last-pool" cuts zoo models structurally; anything else names a tensor. */
export const BEFORE_LAST_POOL = "before-last-pool";

export const startExtractionInput = z.object({
  datasetId: z.string(),
  backboneId: z.string(),
  batchSize: z.number().int().min(1).max(256).nullish(),
});
