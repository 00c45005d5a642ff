import type { Prisma } from "@kao/db";
import type { AssignedSplit } from "./splitter/split-frames.ts";
import { NOW_UTC } from "./sql.ts";

type Tx = Prisma.TransactionClient;
const CHUNK = 5000;

/** Inserts a version's assignments in chunks (one statement per 5,000 rows keeps parameters bounded). */
export async function insertAssignments(tx: Tx, splitVersionId: string, assignments: ReadonlyMap<string, AssignedSplit>) {
  const rows = [...assignments].map(([frameId, split]) => ({ splitVersionId, frameId, split }));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.splitAssignment.createMany({ data: rows.slice(i, i + CHUNK) });
}

/**
 * Makes Frame.split mirror the dataset's current version: its assignment, or UNASSIGNED for frames it
 * does not hold. Only rows that change are written.
 */
export async function syncFrameSplits(tx: Tx, datasetId: string, splitVersionId: string) {
  await tx.$executeRaw`
    UPDATE "Frame" f SET split = a.split, "updatedAt" = ${NOW_UTC}
      FROM "SplitAssignment" a
     WHERE a."frameId" = f.id AND a."splitVersionId" = ${splitVersionId}::uuid AND f.split <> a.split`;
  await tx.$executeRaw`
    UPDATE "Frame" f SET split = 'UNASSIGNED', "updatedAt" = ${NOW_UTC}
     WHERE f."datasetId" = ${datasetId}::uuid AND f.split <> 'UNASSIGNED'
       AND NOT EXISTS (SELECT 1 FROM "SplitAssignment" a WHERE a."frameId" = f.id AND a."splitVersionId" = ${splitVersionId}::uuid)`;
}
