import { Prisma } from "@kao/db";

/** Splits write thousands of rows in one transaction; under load they queue for a pooled connection. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 120_000 } as const;

/** The database's clock as a UTC `timestamp(3)`, the way Prisma stores DateTime (`@updatedAt` columns). */
export const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Labels a frame can be split on: UNSURE consensus (or none) keeps a frame out of every split. */
export const SPLITTABLE_LABELS = Prisma.sql`('FACE', 'NO_FACE')`;

/**
 * Everything that writes a dataset's split versions or Frame.split (create, resplit, append, lock, a
 * title's distinct flag) holds this lock, so two admins cannot interleave them. Advisory: it writes nothing.
 */
export async function lockDatasetSplits(tx: Prisma.TransactionClient, datasetId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kao.splits:${datasetId}`}, 0))`;
}
