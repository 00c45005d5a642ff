import { z } from "zod";

/**
 * A DOWNLOAD job's params as the API writes them (apps/api/src/modules/backbones/service/
 * backbone-job-params.ts): a catalog model to fetch, or an uploaded Keras layers model to convert.
 */
const downloadParamsSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("catalog"), key: z.string().min(1), name: z.string().min(1) }),
  z.object({
    source: z.literal("keras"),
    name: z.string().min(1),
    storagePrefix: z.string().endsWith("/"),
    files: z.array(z.string().min(1)).min(1),
    tap: z.string().min(1),
    pooling: z.enum(["MAX", "AVG"]),
    scale: z.number().positive(),
    offset: z.number(),
    channelOrder: z.enum(["RGB", "BGR"]),
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
  }),
]);

export type DownloadParams = z.infer<typeof downloadParamsSchema>;
export type KerasUploadParams = Extract<DownloadParams, { source: "keras" }>;

export function parseDownloadParams(params: unknown): DownloadParams {
  const parsed = downloadParamsSchema.safeParse(params);
  if (!parsed.success) throw new Error(`the download job's parameters are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
