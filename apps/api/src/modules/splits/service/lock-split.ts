import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { TX_OPTIONS, lockDatasetSplits } from "./sql.ts";

/**
 * Freezes a version (admin only): from now on it is never resplit or appended to, so models trained
 * and reported on it stay comparable. Locking a locked version changes nothing. There is no unlock.
 */
export async function lockSplit(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  assertId(id, "id");
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.splitVersion.findUnique({ where: { id }, select: { datasetId: true } });
    if (!found) throw notFound("Split version");
    await lockDatasetSplits(tx, found.datasetId);
    const version = await tx.splitVersion.findUniqueOrThrow({ where: { id } });
    if (version.lockedAt) return version;
    const locked = await tx.splitVersion.update({ where: { id }, data: { lockedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "split.lock", targetType: "SplitVersion", targetId: id, datasetId: version.datasetId, data: { name: version.name } });
    return locked;
  }, TX_OPTIONS);
}
