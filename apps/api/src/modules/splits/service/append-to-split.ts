import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { ratiosOf } from "./contracts.ts";
import { countStaleAssignments } from "./count-stale-assignments.ts";
import { currentSplitVersion } from "./current-split-version.ts";
import { loadPlacedFrames, loadSplittableFrames } from "./load-frames.ts";
import { splitFrames } from "./splitter/split-frames.ts";
import { TX_OPTIONS, lockDatasetSplits } from "./sql.ts";
import { insertAssignments, syncFrameSplits } from "./write-assignments.ts";

/**
 * Assigns the version's pending pool (frames labelled FACE or NO_FACE since it was made) by the same
 * rules, without moving a frame already in it: new frames of a scene it holds join that scene's split,
 * the rest are balanced against what each (title, label) cell already holds. Admin only.
 *
 * A locked version is frozen, appending included: models evaluated on it must see the same test set
 * tomorrow. New labels go into a new version. A version whose frames contradict their titles' distinct
 * flags (a title changed since) must be resplit first, or the new frames could not follow both.
 */
export async function appendToSplit(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  assertId(id, "id");
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.splitVersion.findUnique({ where: { id }, select: { datasetId: true } });
    if (!found) throw notFound("Split version");
    await lockDatasetSplits(tx, found.datasetId);
    const version = await tx.splitVersion.findUniqueOrThrow({ where: { id } });
    if (version.lockedAt) {
      throw new ConflictError(`Split "${version.name}" is locked: nothing can be added to it. Create a new split version for the new labels.`);
    }
    const stale = (await countStaleAssignments(tx, [id])).get(id) ?? 0;
    if (stale > 0) {
      throw new ConflictError(`${stale} frame(s) of split "${version.name}" contradict their title's distinct setting, which changed since. Resplit it first.`);
    }
    const pending = await loadSplittableFrames(tx, version.datasetId, { notIn: id });
    if (pending.length === 0) return version;
    const placed = await loadPlacedFrames(tx, id);
    const assignments = splitFrames({ frames: pending, placed, ratios: ratiosOf(version.params), seed: version.seed });
    await insertAssignments(tx, id, assignments);
    if ((await currentSplitVersion(tx, version.datasetId))?.id === id) await syncFrameSplits(tx, version.datasetId, id);
    await recordAudit(tx, ctx, { action: "split.append", targetType: "SplitVersion", targetId: id, datasetId: version.datasetId, data: { frames: assignments.size } });
    return tx.splitVersion.update({ where: { id }, data: { updatedAt: new Date() } });
  }, TX_OPTIONS);
}
