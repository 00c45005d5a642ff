import { z } from "zod";

/**
 * What a DOWNLOAD job does (Job.params): fetch a catalog model, or convert an uploaded Keras / TF.js
 * layers model. Both end the same way, with an ONNX file in the model cache and a registered backbone,
 * so they share the job kind; the worker reads the same shapes (apps/worker/src/jobs/download).
 */
export const catalogDownloadParams = z.object({ source: z.literal("catalog"), key: z.string(), name: z.string() });

export const kerasUploadParams = z.object({
  source: z.literal("keras"),
  name: z.string(),
  /** Storage prefix of the uploaded files (`model-uploads/<job id>/`). */
  storagePrefix: z.string(),
  files: z.array(z.string()),
  tap: z.string(),
  pooling: z.enum(["MAX", "AVG"]),
  scale: z.number(),
  offset: z.number(),
  channelOrder: z.enum(["RGB", "BGR"]),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

export const backboneJobParams = z.discriminatedUnion("source", [catalogDownloadParams, kerasUploadParams]);
export type BackboneJobParams = z.infer<typeof backboneJobParams>;
