import type { Prisma } from "@kao/db";

/**
 * Per version, frames whose split contradicts their title's current distinct flag (in DISTINCT while
 * the title is not distinct, or the other way round): a title changed after the version was made.
 */
export async function countStaleAssignments(tx: Pick<Prisma.TransactionClient, "$queryRaw">, versionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ versionId: string; stale: number }[]>`
    SELECT a."splitVersionId" AS "versionId", count(*)::int AS stale
      FROM "SplitAssignment" a
      JOIN "Frame" f ON f.id = a."frameId"
      JOIN "Title" t ON t.id = f."titleId"
     WHERE a."splitVersionId" = ANY(${[...versionIds]}::uuid[]) AND (a.split = 'DISTINCT') <> t."isDistinct"
     GROUP BY a."splitVersionId"`;
  return new Map(rows.map((row) => [row.versionId, row.stale]));
}
