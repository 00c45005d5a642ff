import { QUEUES } from "@kao/queue";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { startExtractionInput } from "./contracts.ts";
import { enqueueJob } from "./enqueue-job.ts";

/**
 * Queues feature extraction of a dataset's frames with a backbone (admins). The worker skips frames
 * that already have a vector, so this is also how new frames get theirs. While one extraction of the
 * same dataset and backbone is queued or running, that job is returned instead of a second one.
 */
export async function startExtraction(ctx: ServiceContext & { platform: Platform }, input: unknown) {
  requireAdmin(ctx);
  const data = parseInput(startExtractionInput, input);
  assertId(data.datasetId, "datasetId");
  assertId(data.backboneId, "backboneId");
  const job = await ctx.db.$transaction(async (tx) => {
    if (!(await tx.dataset.findUnique({ where: { id: data.datasetId }, select: { id: true } }))) throw notFound("Dataset");
    if (!(await tx.backbone.findUnique({ where: { id: data.backboneId }, select: { id: true } }))) throw notFound("Backbone");
    // Serialises concurrent starts for one dataset, so the check below cannot race.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kao.extract:${data.datasetId}:${data.backboneId}`}, 0))`;
    const active = await tx.job.findFirst({
      where: { kind: "EXTRACT", datasetId: data.datasetId, status: { in: ["QUEUED", "RUNNING"] }, params: { path: ["backboneId"], equals: data.backboneId } },
    });
    if (active) return { job: active, created: false };
    const created = await tx.job.create({
      data: { kind: "EXTRACT", datasetId: data.datasetId, createdById: ctx.viewer?.id ?? null, params: { backboneId: data.backboneId, batchSize: data.batchSize ?? 8 } },
    });
    await recordAudit(tx, ctx, { action: "extraction.start", targetType: "Job", targetId: created.id, datasetId: data.datasetId, data: { backboneId: data.backboneId } });
    return { job: created, created: true };
  });
  if (job.created) await enqueueJob(ctx.platform, QUEUES.extract, job.job.id);
  return job.job;
}
