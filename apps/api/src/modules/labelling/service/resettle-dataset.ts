import type { Prisma } from "@kao/db";
import { lockDatasetLabelling } from "./dataset-lock.ts";
import { storeSettlements } from "./store-settlements.ts";

/**
 * Re-settles a dataset's frames after its overlap changed, inside the transaction that changed it:
 * raising it reopens frames with fewer labels than the new overlap (their consensus goes), lowering
 * it settles OPEN frames that now have enough. Adjudicated frames keep the reviewer's label.
 * Holds the dataset's labelling lock exclusively, so no decision is settled under the old overlap
 * meanwhile. Returns how many frames it looked at.
 */
export async function resettleDataset(tx: Prisma.TransactionClient, datasetId: string, overlap: number): Promise<number> {
  await lockDatasetLabelling(tx, datasetId, "exclusive");
  const stale = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Frame"
    WHERE "datasetId" = ${datasetId}::uuid
      AND (("labelStatus" <> 'OPEN' AND "labelCount" < ${overlap}::int) OR ("labelStatus" = 'OPEN' AND "labelCount" >= ${overlap}::int))`;
  await storeSettlements(tx, stale.map((row) => row.id), overlap);
  return stale.length;
}
