import type { Prisma } from "@kao/db";
import type { AssignedSplit, PlacedFrame, SplitterFrame } from "./splitter/split-frames.ts";
import { SPLITTABLE_LABELS } from "./sql.ts";

type Tx = Prisma.TransactionClient;

/**
 * A dataset's frames with a FACE or NO_FACE consensus, as the splitter wants them; with `notIn`, only
 * those that version has not assigned yet (its pending pool).
 */
export function loadSplittableFrames(tx: Tx, datasetId: string, options: { notIn?: string } = {}): Promise<SplitterFrame[]> {
  return tx.$queryRaw<SplitterFrame[]>`
    SELECT f.id, f."titleId", f."sceneId", c.label::text AS label, t."isDistinct" AS distinct
      FROM "Frame" f
      JOIN "Consensus" c ON c."frameId" = f.id
      JOIN "Title" t ON t.id = f."titleId"
     WHERE f."datasetId" = ${datasetId}::uuid AND c.label IN ${SPLITTABLE_LABELS}
       AND NOT EXISTS (SELECT 1 FROM "SplitAssignment" a WHERE a."frameId" = f.id AND a."splitVersionId" = ${options.notIn ?? null}::uuid)`;
}

/** The frames a version has assigned, with their current labels (null when no longer FACE / NO_FACE). */
export async function loadPlacedFrames(tx: Tx, splitVersionId: string): Promise<PlacedFrame[]> {
  const rows = await tx.$queryRaw<{ id: string; titleId: string; sceneId: string | null; label: string | null; distinct: boolean; split: string }[]>`
    SELECT f.id, f."titleId", f."sceneId", c.label::text AS label, t."isDistinct" AS distinct, a.split::text AS split
      FROM "SplitAssignment" a
      JOIN "Frame" f ON f.id = a."frameId"
      JOIN "Title" t ON t.id = f."titleId"
      LEFT JOIN "Consensus" c ON c."frameId" = f.id
     WHERE a."splitVersionId" = ${splitVersionId}::uuid`;
  return rows.map((row) => ({
    ...row,
    label: row.label === "FACE" || row.label === "NO_FACE" ? row.label : null,
    split: row.split as AssignedSplit,
  }));
}
