import type { Frame, SplitVersion } from "@kao/db";
import { badInput } from "../../../../errors.ts";
import type { ServiceContext } from "../../../../service-context.ts";
import { getSplitVersion } from "../get-split-version.ts";
import { LEAKAGE_SPLITS, MAX_LEAKAGE_DISTANCE, findNearPairs, type LeakageSplit } from "./near-pairs.ts";

export const MAX_LEAKAGE_SAMPLE = 200;

export interface LeakageReport {
  splitVersion: SplitVersion;
  maxDistance: number;
  /** Frames in the version, and those without a hash (not compared). */
  frames: number;
  framesWithoutHash: number;
  crossSplitPairs: number;
  /** Cross-split near pairs inside one scene: 0 for any split kao made from the importer's scenes. */
  sameScenePairs: number;
  /** Scenes with frames in more than one split, near or not: 0 for kao's splits. */
  scenesAcrossSplits: number;
  pairs: { a: LeakageSplit; b: LeakageSplit; pairs: number }[];
  examples: { a: Frame; b: Frame; splitA: LeakageSplit; splitB: LeakageSplit; distance: number }[];
}

/**
 * Near-duplicate pairs (dHash Hamming distance ≤ maxDistance) on different sides of a split version:
 * counts per pair of splits and the nearest examples. Members of the dataset may read it.
 */
export async function leakageReport(ctx: ServiceContext, splitVersionId: string, options: { maxDistance: number; sample: number }): Promise<LeakageReport> {
  const { maxDistance, sample } = options;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_LEAKAGE_DISTANCE) {
    throw badInput(`\`maxDistance\` must be from 0 to ${MAX_LEAKAGE_DISTANCE} bits.`);
  }
  if (!Number.isInteger(sample) || sample < 0 || sample > MAX_LEAKAGE_SAMPLE) throw badInput(`\`sample\` must be from 0 to ${MAX_LEAKAGE_SAMPLE}.`);
  const version = await getSplitVersion(ctx, splitVersionId);
  const rows = await ctx.db.$queryRaw<{ id: string; split: LeakageSplit; sceneId: string | null; phash: bigint | null }[]>`
    SELECT f.id, a.split::text AS split, f."sceneId", f.phash
      FROM "SplitAssignment" a JOIN "Frame" f ON f.id = a."frameId"
     WHERE a."splitVersionId" = ${version.id}::uuid`;

  const hashed = rows.flatMap((row) => (row.phash === null ? [] : [{ id: row.id, split: row.split, sceneId: row.sceneId, hash: row.phash }]));
  const found = findNearPairs({ frames: hashed, maxDistance, sample });

  const splitsOfScene = new Map<string, Set<string>>();
  for (const row of rows) if (row.sceneId) splitsOfScene.set(row.sceneId, (splitsOfScene.get(row.sceneId) ?? new Set()).add(row.split));

  const exampleIds = [...new Set(found.examples.flatMap((pair) => [pair.a, pair.b]))];
  const frames = new Map((await ctx.db.frame.findMany({ where: { id: { in: exampleIds } } })).map((frame) => [frame.id, frame]));
  const pairs: LeakageReport["pairs"] = [];
  LEAKAGE_SPLITS.forEach((a, i) => LEAKAGE_SPLITS.slice(i + 1).forEach((b) => pairs.push({ a, b, pairs: found.pairsBySplits.get(`${a}/${b}`) ?? 0 })));

  return {
    splitVersion: version,
    maxDistance,
    frames: rows.length,
    framesWithoutHash: rows.length - hashed.length,
    crossSplitPairs: found.total,
    sameScenePairs: found.sameScene,
    scenesAcrossSplits: [...splitsOfScene.values()].filter((splits) => splits.size > 1).length,
    pairs,
    examples: found.examples.flatMap((pair) => {
      const a = frames.get(pair.a);
      const b = frames.get(pair.b);
      return a && b ? [{ a, b, splitA: pair.splitA, splitB: pair.splitB, distance: pair.distance }] : [];
    }),
  };
}
