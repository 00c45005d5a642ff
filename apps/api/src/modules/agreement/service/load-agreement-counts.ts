import { Prisma, type Label } from "@kao/db";
import type { ServiceContext } from "../../../service-context.ts";

/** How many frames of a title got exactly these label counts (frames with two or more labels only). */
export interface LabelProfile {
  titleId: string;
  face: number;
  noFace: number;
  unsure: number;
  frames: number;
}

/** On how many frames labeller `aId` said `aLabel` while `bId` said `bLabel` (`aId < bId`). */
export interface PairCell {
  aId: string;
  bId: string;
  aLabel: Label;
  bLabel: Label;
  frames: number;
}

/** Frames a labeller labelled that somebody else labelled too. */
export interface LabellerFrames {
  userId: string;
  frames: number;
}

export interface AgreementCounts {
  profiles: LabelProfile[];
  pairs: PairCell[];
  labellers: LabellerFrames[];
}

/**
 * Everything agreement needs, counted by Postgres: a 100k-frame dataset comes back as a few dozen
 * rows rather than one per annotation. `labelCount` (kept in step with Annotation by the labelling
 * service) skips single-label frames before the join. Callers have checked the viewer may see the dataset.
 */
export async function loadAgreementCounts(
  db: ServiceContext["db"],
  filter: { datasetId: string; titleId: string | null; perLabeller: boolean },
): Promise<AgreementCounts> {
  const frames = Prisma.sql`f."datasetId" = ${filter.datasetId}::uuid AND f."labelCount" >= 2
    ${filter.titleId ? Prisma.sql`AND f."titleId" = ${filter.titleId}::uuid` : Prisma.empty}`;

  const [profiles, pairs, labellers] = await Promise.all([
    db.$queryRaw<LabelProfile[]>`
      SELECT p."titleId", p."face", p."noFace", p."unsure", count(*)::int AS "frames"
      FROM (
        SELECT f."titleId",
          count(*) FILTER (WHERE a."label" = 'FACE')::int AS "face",
          count(*) FILTER (WHERE a."label" = 'NO_FACE')::int AS "noFace",
          count(*) FILTER (WHERE a."label" = 'UNSURE')::int AS "unsure"
        FROM "Frame" f
        JOIN "Annotation" a ON a."frameId" = f."id"
        WHERE ${frames}
        GROUP BY f."id", f."titleId"
        HAVING count(*) >= 2
      ) p
      GROUP BY p."titleId", p."face", p."noFace", p."unsure"`,
    filter.perLabeller
      ? db.$queryRaw<PairCell[]>`
          SELECT a."userId" AS "aId", b."userId" AS "bId", a."label"::text AS "aLabel", b."label"::text AS "bLabel", count(*)::int AS "frames"
          FROM "Frame" f
          JOIN "Annotation" a ON a."frameId" = f."id"
          JOIN "Annotation" b ON b."frameId" = f."id" AND a."userId" < b."userId"
          WHERE ${frames}
          GROUP BY a."userId", b."userId", a."label", b."label"`
      : Promise.resolve([]),
    filter.perLabeller
      ? db.$queryRaw<LabellerFrames[]>`
          SELECT a."userId", count(*)::int AS "frames"
          FROM "Frame" f
          JOIN "Annotation" a ON a."frameId" = f."id"
          WHERE ${frames}
            AND EXISTS (SELECT 1 FROM "Annotation" o WHERE o."frameId" = f."id" AND o."userId" <> a."userId")
          GROUP BY a."userId"`
      : Promise.resolve([]),
  ]);
  return { profiles, pairs, labellers };
}
