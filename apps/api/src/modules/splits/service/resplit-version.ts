import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { ratiosOf, resplitInput, splitParams } from "./contracts.ts";
import { currentSplitVersion } from "./current-split-version.ts";
import { loadSplittableFrames } from "./load-frames.ts";
import { splitFrames } from "./splitter/split-frames.ts";
import { TX_OPTIONS, lockDatasetSplits } from "./sql.ts";
import { insertAssignments, syncFrameSplits } from "./write-assignments.ts";

/**
 * Splits an unlocked version again from scratch (admin only), with new ratios or seed if given, over
 * the frames labelled now. A locked version is refused: its assignments never change.
 */
export async function resplitVersion(ctx: ServiceContext, id: string, input: unknown) {
  requireAdmin(ctx);
  assertId(id, "id");
  const data = parseInput(resplitInput, input ?? {});
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.splitVersion.findUnique({ where: { id }, select: { datasetId: true } });
    if (!found) throw notFound("Split version");
    await lockDatasetSplits(tx, found.datasetId);
    // Read again under the lock: a lockSplit that finished while we waited must be seen.
    const version = await tx.splitVersion.findUniqueOrThrow({ where: { id } });
    if (version.lockedAt) {
      throw new ConflictError(`Split "${version.name}" is locked: its assignments never change. Create a new split version instead.`);
    }
    const ratios = data.ratios ?? ratiosOf(version.params);
    const seed = data.seed ?? version.seed;
    const frames = await loadSplittableFrames(tx, version.datasetId);
    if (frames.length === 0) throw new ConflictError("No frame of this dataset is labelled FACE or NO_FACE any more: there is nothing to split.");
    const assignments = splitFrames({ frames, ratios, seed });
    await tx.splitAssignment.deleteMany({ where: { splitVersionId: id } });
    await insertAssignments(tx, id, assignments);
    const updated = await tx.splitVersion.update({ where: { id }, data: { seed, params: splitParams(ratios) } });
    if ((await currentSplitVersion(tx, version.datasetId))?.id === id) await syncFrameSplits(tx, version.datasetId, id);
    await recordAudit(tx, ctx, {
      action: "split.resplit",
      targetType: "SplitVersion",
      targetId: id,
      datasetId: version.datasetId,
      data: { seed, ratios: { ...ratios }, frames: assignments.size },
    });
    return updated;
  }, TX_OPTIONS);
}
