import type { Label, Prisma } from "@kao/db";
import { settleFrame } from "./settle-frame.ts";
import { NOW_UTC } from "./sql.ts";

/**
 * Brings frames' labelCount, labelStatus and consensus in step with their annotations, in a fixed
 * number of statements however many frames. Call it in the transaction that changed the annotations
 * (or the overlap), holding the frames' row locks or the dataset's exclusive labelling lock.
 * A reviewer's decision stands: an adjudicated frame only gets its count updated.
 */
export async function storeSettlements(tx: Prisma.TransactionClient, frameIds: readonly string[], overlap: number): Promise<void> {
  if (frameIds.length === 0) return;
  const ids = [...frameIds];
  const rows = await tx.$queryRaw<{ id: string; labels: Label[] | null; method: string | null; label: Label | null }[]>`
    SELECT f.id, array_agg(a.label::text) FILTER (WHERE a.id IS NOT NULL) AS labels, c.method::text AS method, c.label::text AS label
    FROM unnest(${ids}::uuid[]) AS v(id) JOIN "Frame" f ON f.id = v.id
      LEFT JOIN "Annotation" a ON a."frameId" = f.id LEFT JOIN "Consensus" c ON c."frameId" = f.id
    GROUP BY f.id, c.method, c.label`;

  const frames: { id: string; count: number; status: string }[] = [];
  const agreed: { id: string; label: string; method: string }[] = [];
  const undecided: string[] = [];
  for (const row of rows) {
    const labels = row.labels ?? [];
    if (row.method === "ADJUDICATED") {
      frames.push({ id: row.id, count: labels.length, status: "DONE" });
      continue;
    }
    const settled = settleFrame(labels, overlap);
    frames.push({ id: row.id, count: labels.length, status: settled.status });
    if (!settled.consensus) undecided.push(row.id);
    else if (settled.consensus.label !== row.label || settled.consensus.method !== row.method) agreed.push({ id: row.id, ...settled.consensus });
  }

  // Only frames that changed are written: `updatedAt` of a frame in REVIEW says since when it waits.
  await tx.$executeRaw`
    UPDATE "Frame" f SET "labelCount" = v.count, "labelStatus" = v.status::"LabelStatus", "updatedAt" = ${NOW_UTC}
    FROM unnest(${frames.map((f) => f.id)}::uuid[], ${frames.map((f) => f.count)}::int[], ${frames.map((f) => f.status)}::text[]) AS v(id, count, status)
    WHERE f.id = v.id AND (f."labelCount" <> v.count OR f."labelStatus" <> v.status::"LabelStatus")`;
  if (undecided.length) {
    await tx.$executeRaw`
      DELETE FROM "Consensus" c USING unnest(${undecided}::uuid[]) AS v(id) WHERE c."frameId" = v.id AND c.method <> 'ADJUDICATED'`;
  }
  if (agreed.length) {
    await tx.$executeRaw`
      INSERT INTO "Consensus" ("frameId", label, method, "createdAt", "updatedAt")
      SELECT v.id, v.label::"Label", v.method::"ConsensusMethod", ${NOW_UTC}, ${NOW_UTC}
      FROM unnest(${agreed.map((a) => a.id)}::uuid[], ${agreed.map((a) => a.label)}::text[], ${agreed.map((a) => a.method)}::text[]) AS v(id, label, method)
      ON CONFLICT ("frameId") DO UPDATE
        SET label = EXCLUDED.label, method = EXCLUDED.method, "adjudicatedById" = NULL, note = NULL, "updatedAt" = EXCLUDED."updatedAt"`;
  }
}
