import { z } from "zod";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { InputValidationError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";

export const createImportInput = z.object({
  datasetId: z.string(),
  title: z.string().trim().min(1, { message: "Name the anime title or artist." }).max(200),
  titleKind: z.enum(["TITLE", "ARTIST"]).optional().nullable(),
  episode: z.string().trim().max(100).optional().nullable(),
  sampleFps: z.number().min(0.01, { message: "At least 0.01 frames per second." }).max(30, { message: "At most 30 frames per second." }).optional().nullable(),
  uploadIds: z.array(z.string()).min(1, { message: "Upload at least one file." }).max(1000),
});

/**
 * Turns staged uploads into an import job: one item per file, queued for the worker. The uploads
 * are claimed in the same transaction, so the same upload can never be imported twice.
 */
export async function createImport(ctx: ServiceContext & { platform: Platform }, input: unknown) {
  requireAdmin(ctx);
  const data = parseInput(createImportInput, input);
  // The same upload listed twice is one file, not a conflicting claim ("already imported").
  data.uploadIds = [...new Set(data.uploadIds)];
  assertId(data.datasetId, "datasetId");
  data.uploadIds.forEach((id) => assertId(id, "uploadIds"));
  const sampleFps = data.sampleFps ?? 1;

  const job = await ctx.db.$transaction(async (tx) => {
    const dataset = await tx.dataset.findUnique({ where: { id: data.datasetId }, select: { id: true } });
    if (!dataset) throw notFound("Dataset");
    const uploads = await tx.upload.findMany({ where: { id: { in: data.uploadIds }, datasetId: data.datasetId } });
    const unknown = data.uploadIds.filter((id) => !uploads.some((upload) => upload.id === id));
    if (unknown.length) {
      throw new InputValidationError(`${unknown.length} upload(s) are unknown or belong to another dataset.`, [{ path: "uploadIds", message: `Unknown: ${unknown.join(", ")}` }]);
    }
    // ON CONFLICT DO NOTHING, not upsert: two imports naming the same new title at once must both find
    // it (Prisma's upsert here is a read then an insert, and the second insert hit the unique key).
    await tx.title.createMany({ data: [{ datasetId: data.datasetId, name: data.title, kind: data.titleKind ?? "TITLE" }], skipDuplicates: true });
    const title = await tx.title.findUniqueOrThrow({ where: { datasetId_name: { datasetId: data.datasetId, name: data.title } } });
    const created = await tx.job.create({
      data: {
        kind: "IMPORT",
        datasetId: data.datasetId,
        createdById: ctx.viewer?.id ?? null,
        params: { titleId: title.id, episode: data.episode ?? null, sampleFps },
      },
    });
    // Claim only unclaimed uploads; a concurrent import of the same files gets fewer rows and fails.
    const { count } = await tx.upload.updateMany({ where: { id: { in: data.uploadIds }, jobId: null }, data: { jobId: created.id } });
    if (count !== data.uploadIds.length) {
      throw new InputValidationError("Some of these uploads were already imported.", [{ path: "uploadIds", message: "Already imported." }]);
    }
    await tx.importItem.createMany({
      data: uploads.map((upload) => ({ jobId: created.id, uploadId: upload.id, fileName: upload.fileName, kind: upload.kind })),
    });
    await recordAudit(tx, ctx, { action: "import.create", targetType: "Job", targetId: created.id, datasetId: data.datasetId, data: { files: uploads.length, title: data.title } });
    return created;
  });
  await ctx.platform.enqueueImport(job.id);
  return job;
}
