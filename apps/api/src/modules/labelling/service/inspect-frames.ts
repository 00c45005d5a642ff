import type { Label, LabelStatus, Prisma } from "@kao/db";
import type { FrameLabelState } from "./decide-label.ts";
import { NOW_UTC } from "./sql.ts";

export type InspectedFrame = FrameLabelState & { annotationId: string | null };

/**
 * Locks a dataset's frames (in id order, so two submits of overlapping pages cannot deadlock), then
 * reads what each decision needs in a later statement, which sees whatever the previous lock holders
 * committed. Frames of other datasets and unknown ids are simply missing from the answer.
 */
export async function inspectFrames(
  tx: Prisma.TransactionClient,
  input: { datasetId: string; userId: string; frameIds: string[] },
): Promise<Map<string, InspectedFrame>> {
  const { datasetId, userId, frameIds } = input;
  if (frameIds.length === 0) return new Map();
  await tx.$queryRaw`
    SELECT id FROM "Frame" WHERE id = ANY(${frameIds}::uuid[]) AND "datasetId" = ${datasetId}::uuid ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<
    { id: string; labelStatus: LabelStatus; labelCount: number; consensusMethod: string | null; otherLeases: number; myLease: boolean; annotationId: string | null; myLabel: Label | null; myRules: string[] | null }[]
  >`
    SELECT f.id, f."labelStatus"::text AS "labelStatus", f."labelCount", c.method::text AS "consensusMethod",
      (SELECT count(*)::int FROM "FrameLease" l WHERE l."frameId" = f.id AND l."userId" <> ${userId}::uuid AND l."expiresAt" > ${NOW_UTC}) AS "otherLeases",
      EXISTS (SELECT 1 FROM "FrameLease" l WHERE l."frameId" = f.id AND l."userId" = ${userId}::uuid AND l."expiresAt" > ${NOW_UTC}) AS "myLease",
      a.id AS "annotationId", a.label::text AS "myLabel", a.rules AS "myRules"
    FROM "Frame" f
    LEFT JOIN "Consensus" c ON c."frameId" = f.id
    LEFT JOIN "Annotation" a ON a."frameId" = f.id AND a."userId" = ${userId}::uuid
    WHERE f.id = ANY(${frameIds}::uuid[]) AND f."datasetId" = ${datasetId}::uuid`;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        labelStatus: row.labelStatus,
        labelCount: row.labelCount,
        adjudicated: row.consensusMethod === "ADJUDICATED",
        otherLeases: row.otherLeases,
        myLease: row.myLease,
        mine: row.myLabel ? { label: row.myLabel, rules: row.myRules ?? [] } : null,
        annotationId: row.annotationId,
      },
    ]),
  );
}
