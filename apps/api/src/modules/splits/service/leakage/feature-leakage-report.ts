import type { Backbone, Frame, SplitVersion } from "@kao/db";
import { requireRole } from "../../../../access.ts";
import { badInput, notFound } from "../../../../errors.ts";
import { assertId } from "../../../../ids.ts";
import type { ServiceContext } from "../../../../service-context.ts";
import { getSplitVersion } from "../get-split-version.ts";
import { MAX_LEAKAGE_SAMPLE } from "./leakage-report.ts";
import { loadSplitVectors } from "./load-split-vectors.ts";
import { LEAKAGE_SPLITS, type LeakageSplit } from "./near-pairs.ts";
import { similarPairsAcrossSplits } from "./similar-pairs-across-splits.ts";

/**
 * Pooled CNN features of unrelated anime frames are far from orthogonal (non-negative, cosines of
 * 0.6–0.9 are common), so thresholds below 0.5 would call most of a dataset near-duplicates.
 */
export const MIN_SIMILARITY_THRESHOLD = 0.5;

export interface FeatureLeakageReport {
  splitVersion: SplitVersion;
  backbone: Backbone;
  threshold: number;
  /** Frames in the version, and those without a vector for the backbone (not compared). */
  frames: number;
  framesWithoutVector: number;
  crossSplitPairs: number;
  pairs: { a: LeakageSplit; b: LeakageSplit; pairs: number }[];
  examples: { a: Frame; b: Frame; splitA: LeakageSplit; splitB: LeakageSplit; similarity: number }[];
}

/**
 * Near-duplicate pairs by feature vectors: frames on different sides of a split version whose cosine
 * similarity under a backbone is at least `threshold`, counted per pair of splits, with the most
 * similar as examples. It catches look-alikes a 64-bit dHash misses (a shot re-framed or recoloured).
 * Admins and reviewers of the dataset: it reads every vector of the version, seconds of CPU on large ones.
 */
export async function featureLeakageReport(
  ctx: ServiceContext,
  splitVersionId: string,
  options: { backboneId: string; threshold: number; sample: number },
): Promise<FeatureLeakageReport> {
  requireRole(ctx, "ADMIN", "REVIEWER");
  const { threshold, sample } = options;
  if (!Number.isFinite(threshold) || threshold < MIN_SIMILARITY_THRESHOLD || threshold > 1) {
    throw badInput(`\`threshold\` must be a cosine similarity from ${MIN_SIMILARITY_THRESHOLD} to 1.`);
  }
  if (!Number.isInteger(sample) || sample < 0 || sample > MAX_LEAKAGE_SAMPLE) throw badInput(`\`sample\` must be from 0 to ${MAX_LEAKAGE_SAMPLE}.`);
  const version = await getSplitVersion(ctx, splitVersionId);
  const backbone = await ctx.db.backbone.findUnique({ where: { id: assertId(options.backboneId, "backboneId") } });
  if (!backbone) throw notFound("Backbone");

  const loaded = await loadSplitVectors(ctx.db, { splitVersionId: version.id, backbone });
  if (loaded.withVector === 0) {
    throw badInput(`No frame of split version "${version.name}" has ${backbone.name} features: extract them on the dataset's Models page first.`);
  }
  const found = await similarPairsAcrossSplits({ splits: loaded.splits, dimensions: backbone.dims, threshold, sample });

  const exampleIds = [...new Set(found.examples.flatMap((pair) => [pair.a, pair.b]))];
  const frames = new Map((await ctx.db.frame.findMany({ where: { id: { in: exampleIds } } })).map((frame) => [frame.id, frame]));
  const pairs: FeatureLeakageReport["pairs"] = [];
  LEAKAGE_SPLITS.forEach((a, i) => LEAKAGE_SPLITS.slice(i + 1).forEach((b) => pairs.push({ a, b, pairs: found.pairsBySplits.get(`${a}/${b}`) ?? 0 })));
  return {
    splitVersion: version,
    backbone,
    threshold,
    frames: loaded.frames,
    framesWithoutVector: loaded.frames - loaded.withVector,
    crossSplitPairs: found.total,
    pairs,
    examples: found.examples.flatMap((pair) => {
      const a = frames.get(pair.a);
      const b = frames.get(pair.b);
      return a && b ? [{ a, b, splitA: pair.splitA, splitB: pair.splitB, similarity: pair.similarity }] : [];
    }),
  };
}
