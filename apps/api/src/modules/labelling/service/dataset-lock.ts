import { Prisma } from "@kao/db";

/**
 * Everything that reads a dataset's overlap to change labels (queue, decisions, undo, adjudication)
 * holds this lock shared; a change of overlap holds it exclusively while it re-settles the frames.
 * So no decision is settled under an overlap that is being replaced. Advisory locks live in memory:
 * unlike `SELECT … FOR SHARE` on the dataset row they write nothing, which matters with many labellers.
 */
export async function lockDatasetLabelling(tx: Prisma.TransactionClient, datasetId: string, mode: "shared" | "exclusive") {
  const key = Prisma.sql`hashtextextended(${`kao.labelling:${datasetId}`}, 0)`;
  if (mode === "shared") await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${key})`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key})`;
}
