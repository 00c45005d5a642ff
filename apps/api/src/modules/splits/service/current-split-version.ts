import type { Prisma } from "@kao/db";

/**
 * A dataset's current split version is its newest: creating a version makes it current, and Frame.split
 * mirrors it (see syncFrameSplits). Older versions stay readable and exportable.
 */
export function currentSplitVersion(tx: Pick<Prisma.TransactionClient, "splitVersion">, datasetId: string) {
  return tx.splitVersion.findFirst({ where: { datasetId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
