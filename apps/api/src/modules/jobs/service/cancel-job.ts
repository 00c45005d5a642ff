import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { badInput, notFound } from "../../../errors.ts";
import { ConflictError } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { JOB_NAMES, WORKER_JOB_KINDS } from "./worker-job-kinds.ts";

const isWorkerJobKind = (kind: string): kind is (typeof WORKER_JOB_KINDS)[number] => (WORKER_JOB_KINDS as readonly string[]).includes(kind);

/**
 * Stops an extraction, training, prediction or download job (admins: they administer every dataset,
 * and download jobs belong to none). A queued job is CANCELLED at once; a running one is asked to
 * stop and its worker does so at its next batch boundary, keeping what it completed. A finished job
 * is a ConflictError. The status changes are conditional updates, so a worker claiming or finishing
 * the job at the same moment cannot be overwritten.
 */
export async function cancelJob(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  assertId(id);
  return ctx.db.$transaction(async (tx) => {
    const job = await tx.job.findUnique({ where: { id }, select: { kind: true, datasetId: true } });
    if (!job) throw notFound("Job");
    if (!isWorkerJobKind(job.kind)) throw badInput("This is an import: stop it with `cancelImport`.");
    const now = new Date();
    const queued = await tx.job.updateMany({ where: { id, status: "QUEUED" }, data: { status: "CANCELLED", cancelRequestedAt: now, finishedAt: now } });
    const running = queued.count > 0 ? { count: 0 } : await tx.job.updateMany({ where: { id, status: "RUNNING", cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
    const current = await tx.job.findUniqueOrThrow({ where: { id } });
    if (queued.count === 0 && running.count === 0) {
      // Asked twice while it stops: the first request stands.
      if (current.status === "RUNNING") return current;
      throw new ConflictError(`This ${JOB_NAMES[job.kind]} job already finished (${current.status.toLowerCase()}); there is nothing to cancel.`);
    }
    await recordAudit(tx, ctx, {
      action: "job.cancel",
      targetType: "Job",
      targetId: id,
      ...(job.datasetId ? { datasetId: job.datasetId } : {}),
      data: { kind: job.kind, was: queued.count > 0 ? "QUEUED" : "RUNNING" },
    });
    return current;
  });
}
