import { QUEUES } from "@kao/queue";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { ConflictError, InputValidationError } from "../../../graphql/result-errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import type { BackboneJobParams } from "./backbone-job-params.ts";
import { enqueueJob } from "./enqueue-job.ts";
import { modelCatalogOf } from "./model-catalog.ts";

/**
 * Queues the download of a catalog model (admins): a worker fetches it into the model cache with
 * progress, checks its sha256 and registers it with the catalog's preprocessing and tap. While a
 * download of the same model is queued or running, that job is returned instead of a second one.
 */
export async function startCatalogDownload(ctx: ServiceContext & { platform: Platform }, key: string, name?: string | null) {
  requireAdmin(ctx);
  const model = modelCatalogOf(ctx.platform).find((candidate) => candidate.key === key);
  if (!model) throw new InputValidationError(`No catalog model "${key}".`, [{ path: "key", message: "Unknown catalog key." }]);
  const backboneName = name?.trim() || model.title;
  if (backboneName.length > 120) throw new InputValidationError("A backbone name has at most 120 characters.", [{ path: "name", message: "At most 120 characters." }]);
  const job = await ctx.db.$transaction(async (tx) => {
    // Serialises concurrent starts of one model, so the check below cannot race.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kao.download:${model.key}`}, 0))`;
    const active = await tx.job.findFirst({ where: { kind: "DOWNLOAD", status: { in: ["QUEUED", "RUNNING"] }, params: { path: ["key"], equals: model.key } } });
    if (active) return { job: active, created: false };
    if (await tx.backbone.findUnique({ where: { name: backboneName }, select: { id: true } })) throw new ConflictError(`A backbone named "${backboneName}" already exists.`);
    const params: BackboneJobParams = { source: "catalog", key: model.key, name: backboneName };
    const created = await tx.job.create({ data: { kind: "DOWNLOAD", datasetId: null, createdById: ctx.viewer?.id ?? null, total: model.sizeBytes, params } });
    await recordAudit(tx, ctx, { action: "backbone.download", targetType: "Job", targetId: created.id, data: { key: model.key, url: model.url, name: backboneName } });
    return { job: created, created: true };
  });
  if (job.created) await enqueueJob(ctx.platform, QUEUES.download, job.job.id);
  return job.job;
}
