import { findSimilarPairs } from "@kao/ml";
import type { LeakageSplit } from "./near-pairs.ts";
import type { SplitVectors } from "./load-split-vectors.ts";

export interface SimilarExample {
  a: string;
  b: string;
  splitA: LeakageSplit;
  splitB: LeakageSplit;
  similarity: number;
}

export interface CrossSplitSimilarity {
  /** Pairs at or above the threshold per unordered split pair, keyed "TRAIN/TEST" (splits in LEAKAGE_SPLITS order). */
  pairsBySplits: Map<string, number>;
  total: number;
  /** Up to `sample` pairs, most similar first, then by frame ids. */
  examples: SimilarExample[];
}

/**
 * Cosine-similar frame pairs on different sides of a split: one blocked product per pair of splits
 * (TRAIN × TEST and so on), never a split with itself, so the work is the cross-split pairs only.
 * `splits` holds unit rows in LEAKAGE_SPLITS order (loadSplitVectors).
 */
export async function similarPairsAcrossSplits(options: { splits: readonly SplitVectors[]; dimensions: number; threshold: number; sample: number }): Promise<CrossSplitSimilarity> {
  const { splits, dimensions, threshold, sample } = options;
  const result: CrossSplitSimilarity = { pairsBySplits: new Map(), total: 0, examples: [] };
  for (const [i, left] of splits.entries()) {
    for (const right of splits.slice(i + 1)) {
      const found = await findSimilarPairs({ left: left.vectors, right: right.vectors, dimensions, threshold, top: sample });
      if (found.count > 0) result.pairsBySplits.set(`${left.split}/${right.split}`, found.count);
      result.total += found.count;
      for (const pair of found.top) {
        result.examples.push({ a: left.frameIds[pair.left] ?? "", b: right.frameIds[pair.right] ?? "", splitA: left.split, splitB: right.split, similarity: pair.similarity });
      }
    }
  }
  result.examples = result.examples.sort((x, y) => y.similarity - x.similarity || compare(x.a, y.a) || compare(x.b, y.b)).slice(0, sample);
  return result;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
