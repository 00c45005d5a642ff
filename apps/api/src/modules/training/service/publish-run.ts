import { QUEUES } from "@kao/queue";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { InputValidationError } from "../../../graphql/result-errors.ts";
import { isId } from "../../../ids.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { enqueueJob } from "../../backbones/service/enqueue-job.ts";
import { loadRunViews } from "./run-view.ts";

/**
 * Makes a run its dataset's published model (admins): the one `predictions` and `POST /predict` use
 * by default. A dataset has one published run; publishing another unpublishes it. A PREDICT job then
 * scores every frame with a vector for the run's backbone.
 */
export async function publishRun(ctx: ServiceContext & { platform: Platform }, runId: string) {
  requireAdmin(ctx);
  if (!isId(runId)) throw notFound("Training run");
  const job = await ctx.db.$transaction(async (tx) => {
    const run = await tx.trainingRun.findUnique({ where: { id: runId }, select: { id: true, datasetId: true } });
    if (!run) throw notFound("Training run");
    const hasModel = await tx.trainingRun.count({ where: { id: runId, model: { not: null } } });
    if (!hasModel) {
      throw new InputValidationError("This run kept no model: only the best C of each kernel does. Publish that run instead.", [{ path: "runId", message: "No stored model." }]);
    }
    // One publisher per dataset at a time, so two concurrent publishes cannot both stay published.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kao.publish:${run.datasetId}`}, 0))`;
    await tx.trainingRun.updateMany({ where: { datasetId: run.datasetId, publishedAt: { not: null }, id: { not: run.id } }, data: { publishedAt: null } });
    await tx.trainingRun.update({ where: { id: run.id }, data: { publishedAt: new Date() }, select: { id: true } });
    const created = await tx.job.create({ data: { kind: "PREDICT", datasetId: run.datasetId, createdById: ctx.viewer?.id ?? null, params: { runId: run.id } } });
    await recordAudit(tx, ctx, { action: "run.publish", targetType: "TrainingRun", targetId: run.id, datasetId: run.datasetId, data: { predictionJobId: created.id } });
    return created;
  });
  await enqueueJob(ctx.platform, QUEUES.predict, job.id);
  const [view] = await loadRunViews(ctx.db, { id: runId });
  if (!view) throw notFound("Training run");
  return view;
}
