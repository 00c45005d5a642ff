import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { createSplitInput, randomSeed, splitParams } from "./contracts.ts";
import { loadSplittableFrames } from "./load-frames.ts";
import { DEFAULT_RATIOS } from "./splitter/ratios.ts";
import { splitFrames } from "./splitter/split-frames.ts";
import { TX_OPTIONS, lockDatasetSplits } from "./sql.ts";
import { insertAssignments, syncFrameSplits } from "./write-assignments.ts";

/**
 * Splits every frame with a FACE or NO_FACE consensus into a new version (admin only), which becomes
 * the dataset's current split: Frame.split follows it.
 */
export async function createSplit(ctx: ServiceContext, datasetId: string, input: unknown) {
  const viewer = requireAdmin(ctx);
  assertId(datasetId, "datasetId");
  const data = parseInput(createSplitInput, input);
  const ratios = data.ratios ?? DEFAULT_RATIOS;
  const seed = data.seed ?? randomSeed();
  return ctx.db.$transaction(async (tx) => {
    if (!(await tx.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) throw notFound("Dataset");
    await lockDatasetSplits(tx, datasetId);
    if (await tx.splitVersion.findUnique({ where: { datasetId_name: { datasetId, name: data.name } }, select: { id: true } })) {
      throw new ConflictError(`This dataset already has a split named "${data.name}". Choose another name (or resplit that one if it is not locked).`);
    }
    const frames = await loadSplittableFrames(tx, datasetId);
    if (frames.length === 0) throw new ConflictError("No frame of this dataset is labelled FACE or NO_FACE yet: there is nothing to split.");
    const assignments = splitFrames({ frames, ratios, seed });
    const version = await tx.splitVersion.create({ data: { datasetId, name: data.name, seed, params: splitParams(ratios), createdById: viewer.id } });
    await insertAssignments(tx, version.id, assignments);
    await syncFrameSplits(tx, datasetId, version.id);
    await recordAudit(tx, ctx, {
      action: "split.create",
      targetType: "SplitVersion",
      targetId: version.id,
      datasetId,
      data: { name: version.name, seed, ratios: { ...ratios }, frames: assignments.size },
    });
    return version;
  }, TX_OPTIONS);
}
