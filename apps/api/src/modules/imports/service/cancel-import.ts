import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/**
 * Asks an import to stop. A queued job stops at once; a running one stops after the frame in hand,
 * keeping the frames already imported. Cancelling a finished job changes nothing.
 */
export async function cancelImport(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  assertId(id);
  return ctx.db.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id, kind: "IMPORT" } });
    if (!job) throw notFound("Import");
    if (job.status === "QUEUED" || job.status === "RUNNING") {
      await tx.job.update({
        where: { id },
        data: { cancelRequestedAt: new Date(), ...(job.status === "QUEUED" ? { status: "CANCELLED", finishedAt: new Date() } : {}) },
      });
      if (job.status === "QUEUED") await tx.importItem.updateMany({ where: { jobId: id, status: "QUEUED" }, data: { status: "CANCELLED" } });
      await recordAudit(tx, ctx, { action: "import.cancel", targetType: "Job", targetId: id, datasetId: job.datasetId ?? undefined });
    }
    return tx.job.findUniqueOrThrow({ where: { id } });
  });
}
