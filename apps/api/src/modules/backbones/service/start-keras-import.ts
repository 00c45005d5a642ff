import { QUEUES } from "@kao/queue";
import { z } from "zod";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { badInput } from "../../../errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import type { BackboneJobParams } from "./backbone-job-params.ts";
import { enqueueJob } from "./enqueue-job.ts";

/** "1/255", "0.0078431" or "-1": how people write preprocessing constants. */
const fraction = z.string().trim().transform((text, ctx) => {
  const [a, b, ...rest] = text.split("/");
  const value = b === undefined ? Number(a) : Number(a) / Number(b);
  if (rest.length > 0 || a === "" || !Number.isFinite(value)) {
    ctx.addIssue({ code: "custom", message: `not a number: ${text}` });
    return z.NEVER;
  }
  return value;
});
const size = z.string().trim().regex(/^\d+$/, { message: "a whole number of pixels" }).transform(Number).pipe(z.number().int().min(8).max(2048)).optional();

/** The form fields of `POST /backbones/keras`, as strings. */
export const kerasImportFields = z
  .object({
    name: z.string().trim().min(1, { message: "Name the backbone." }).max(120),
    tap: z.string().trim().min(1, { message: "Give the layer to tap (e.g. mixed7)" }).max(300),
    pooling: z.enum(["MAX", "AVG"]).default("MAX"),
    scale: fraction.pipe(z.number().positive({ message: "scale must be positive" })).default(1 / 255),
    offset: fraction.default(0),
    channelOrder: z.enum(["RGB", "BGR"]).default("RGB"),
    width: size,
    height: size,
  })
  .refine((fields) => (fields.width === undefined) === (fields.height === undefined), { message: "Give both width and height, or neither.", path: ["width"] });

/**
 * Queues the conversion of an uploaded Keras / TF.js layers model (admins): the files are already in
 * storage under `storagePrefix`; a worker converts them to ONNX with the importer the CLI uses and
 * registers the backbone. `jobId` is the id the upload's storage prefix was named after.
 */
export async function startKerasImport(
  ctx: ServiceContext & { platform: Platform },
  options: { jobId: string; storagePrefix: string; files: readonly string[]; fields: Record<string, string> },
) {
  requireAdmin(ctx);
  const parsed = kerasImportFields.safeParse(options.fields);
  if (!parsed.success) throw badInput(parsed.error.issues.map((issue) => `${issue.path.join(".") || "form"}: ${issue.message}`).join("; "));
  const fields = parsed.data;
  if (!options.files.includes("model.json")) {
    throw badInput(`Upload model.json with its weight files (got ${options.files.length > 0 ? options.files.join(", ") : "no files"}).`);
  }
  const job = await ctx.db.$transaction(async (tx) => {
    if (await tx.backbone.findUnique({ where: { name: fields.name }, select: { id: true } })) throw badInput(`A backbone named "${fields.name}" already exists.`);
    const params: BackboneJobParams = {
      source: "keras",
      name: fields.name,
      storagePrefix: options.storagePrefix,
      files: [...options.files],
      tap: fields.tap,
      pooling: fields.pooling,
      scale: fields.scale,
      offset: fields.offset,
      channelOrder: fields.channelOrder,
      width: fields.width ?? null,
      height: fields.height ?? null,
    };
    const created = await tx.job.create({ data: { id: options.jobId, kind: "DOWNLOAD", datasetId: null, createdById: ctx.viewer?.id ?? null, total: 3, params } });
    await recordAudit(tx, ctx, { action: "backbone.import-keras", targetType: "Job", targetId: created.id, data: { name: fields.name, tap: fields.tap, files: [...options.files] } });
    return created;
  });
  await enqueueJob(ctx.platform, QUEUES.download, job.id);
  return job;
}
