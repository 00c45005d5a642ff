import type { Prisma } from "@kao/db";
import { SPLITTABLE_LABELS } from "./sql.ts";

/** Per version, the pending pool: frames of its dataset labelled FACE or NO_FACE that it has not assigned. */
export async function countPendingFrames(db: Pick<Prisma.TransactionClient, "$queryRaw">, versionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ versionId: string; pending: number }[]>`
    SELECT v.id AS "versionId", count(f.id)::int AS pending
      FROM "SplitVersion" v
      JOIN "Frame" f ON f."datasetId" = v."datasetId"
      JOIN "Consensus" c ON c."frameId" = f.id
     WHERE v.id = ANY(${[...versionIds]}::uuid[]) AND c.label IN ${SPLITTABLE_LABELS}
       AND NOT EXISTS (SELECT 1 FROM "SplitAssignment" a WHERE a."splitVersionId" = v.id AND a."frameId" = f.id)
     GROUP BY v.id`;
  return new Map(rows.map((row) => [row.versionId, row.pending]));
}
