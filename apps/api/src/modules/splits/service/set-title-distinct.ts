import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { currentSplitVersion } from "./current-split-version.ts";
import { SPLITTABLE_LABELS, TX_OPTIONS, lockDatasetSplits } from "./sql.ts";

/**
 * Holds a title out as the distinct test set, or puts it back (admin only). Splits made afterwards
 * follow the flag; existing versions do not move by themselves.
 *
 * - A title with no FACE / NO_FACE frame cannot become distinct: it would be an empty test set that
 *   looks like one.
 * - While the current split version is locked and holds frames of the title, the flag cannot change:
 *   Frame.split mirrors that version, which can never be resplit, so the two would contradict each
 *   other for good (a "distinct" title with frames in TRAIN). Make a new version first, change the flag,
 *   then resplit the new version. An unlocked current version may be changed under; it then reports
 *   `staleCount` and refuses appends until it is resplit.
 */
export async function setTitleDistinct(ctx: ServiceContext, titleId: string, distinct: boolean) {
  requireAdmin(ctx);
  assertId(titleId, "titleId");
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.title.findUnique({ where: { id: titleId }, select: { datasetId: true } });
    if (!found) throw notFound("Title");
    await lockDatasetSplits(tx, found.datasetId);
    const title = await tx.title.findUniqueOrThrow({ where: { id: titleId } });
    if (title.isDistinct === distinct) return title;

    if (distinct) {
      const [{ labelled } = { labelled: 0 }] = await tx.$queryRaw<{ labelled: number }[]>`
        SELECT count(*)::int AS labelled FROM "Frame" f JOIN "Consensus" c ON c."frameId" = f.id
         WHERE f."titleId" = ${titleId}::uuid AND c.label IN ${SPLITTABLE_LABELS}`;
      if (labelled === 0) {
        throw new ConflictError(`"${title.name}" has no labelled frames (FACE or NO_FACE): a distinct test set needs some. Label its frames first.`);
      }
    }
    const current = await currentSplitVersion(tx, title.datasetId);
    if (current?.lockedAt) {
      const held = await tx.splitAssignment.count({ where: { splitVersionId: current.id, frame: { titleId } } });
      if (held > 0) {
        throw new ConflictError(
          `The current split "${current.name}" is locked and holds ${held} frame(s) of "${title.name}": changing whether the title is distinct would contradict it. Create a new split version first, then change this and resplit it.`,
        );
      }
    }
    const updated = await tx.title.update({ where: { id: titleId }, data: { isDistinct: distinct } });
    await recordAudit(tx, ctx, { action: "title.set-distinct", targetType: "Title", targetId: titleId, datasetId: title.datasetId, data: { distinct } });
    return updated;
  }, TX_OPTIONS);
}
