import { isUniqueViolation } from "@kao/db";
import { QUEUES } from "@kao/queue";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError, InputValidationError } from "../../../graphql/result-errors.ts";
import { isId } from "../../../ids.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { enqueueJob } from "../../backbones/service/enqueue-job.ts";
import { loadRunViews } from "./run-view.ts";

/**
 * Publishers of one dataset wait for each other (the lock below) rather than fail; the wait is short,
 * but with many at once a pool connection may take a while to free up.
 */
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * Makes a run its dataset's published model (admins): the one `predictions` and `POST /predict` use
 * by default. A dataset has one published run; publishing another unpublishes it. A PREDICT job then
 * scores every frame with a vector for the run's backbone.
 *
 * Concurrent publishes of one dataset run one after the other (a per-dataset advisory lock taken
 * before anything is read or written), so each succeeds and the last one stays published. The partial
 * unique index "TrainingRun_published_datasetId_key" is the backstop for any writer that does not take
 * the lock: its violation is a ConflictError, never a server error.
 */
export async function publishRun(ctx: ServiceContext & { platform: Platform }, runId: string) {
  requireAdmin(ctx);
  if (!isId(runId)) throw notFound("Training run");
  const run = await ctx.db.trainingRun.findUnique({ where: { id: runId }, select: { id: true, datasetId: true } });
  if (!run) throw notFound("Training run");
  const job = await ctx.db
    .$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kao.publish:${run.datasetId}`}, 0))`;
      // Read under the lock: the run may have been deleted (its dataset too) while this waited.
      const hasModel = await tx.trainingRun.count({ where: { id: run.id, model: { not: null } } });
      if (!hasModel) {
        if (!(await tx.trainingRun.count({ where: { id: run.id } }))) throw notFound("Training run");
        throw new InputValidationError("This run kept no model: only the best C of each kernel does. Publish that run instead.", [{ path: "runId", message: "No stored model." }]);
      }
      // Unpublish first: the unique index allows one published run per dataset at any moment.
      await tx.trainingRun.updateMany({ where: { datasetId: run.datasetId, publishedAt: { not: null }, id: { not: run.id } }, data: { publishedAt: null } });
      await tx.trainingRun.update({ where: { id: run.id }, data: { publishedAt: new Date() }, select: { id: true } });
      const created = await tx.job.create({ data: { kind: "PREDICT", datasetId: run.datasetId, createdById: ctx.viewer?.id ?? null, params: { runId: run.id } } });
      await recordAudit(tx, ctx, { action: "run.publish", targetType: "TrainingRun", targetId: run.id, datasetId: run.datasetId, data: { predictionJobId: created.id } });
      return created;
    }, TX_OPTIONS)
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new ConflictError("Another run of this dataset was published at the same moment; nothing was changed. Reload to see which, and publish again if you still want this one.");
      throw error;
    });
  await enqueueJob(ctx.platform, QUEUES.predict, job.id);
  const [view] = await loadRunViews(ctx.db, { id: runId });
  if (!view) throw notFound("Training run");
  return view;
}
