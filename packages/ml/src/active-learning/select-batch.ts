// Which unlabelled frames to label next: the ones the model is least sure about, spread over the
// feature space so that one batch does not spend its labels on near-copies of the same picture.
import type { FeatureRows } from "../svm/types.ts";

/**
 * Picks up to `batchSize` candidates, in the order they should be labelled.
 *
 * 1. Uncertainty: the `poolFactor × batchSize` candidates with the smallest |decision value|
 *    (closest to the SVM's boundary) form the pool; candidates without a decision (NaN) never enter it.
 * 2. Diversity: k-center greedy inside the pool. The most uncertain candidate comes first; each next
 *    pick is the pool member farthest (Euclidean) from everything picked so far, ties going to the more
 *    uncertain one. Two near-identical frames are thus only both picked when nothing else is left.
 * 3. Scenes: a candidate whose group (scene) already has a pick is skipped; frames of one scene are
 *    near-copies and one label for them is as informative as several. A null group is a group of its own.
 */
export function selectDiverseBatch(options: {
  decisions: Float64Array; // n: signed SVM decision values (positive = FACE)
  features: FeatureRows; // n × dimensions, row-major
  dimensions: number;
  groups: readonly (string | null)[]; // n: scene of each candidate, null when it has none
  batchSize: number;
  /** Pool size as a multiple of the batch size (default 10): how far diversity may reach into less uncertain frames. */
  poolFactor?: number;
}): number[] {
  const { decisions, features, dimensions, groups, batchSize } = options;
  const n = decisions.length;
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  if (features.length !== n * dimensions) throw new RangeError(`${features.length} feature values for ${n} candidates of ${dimensions} dimensions`);
  if (groups.length !== n) throw new RangeError(`${groups.length} groups for ${n} candidates`);
  if (!Number.isInteger(batchSize) || batchSize < 0) throw new RangeError(`batchSize must be a non-negative integer, got ${batchSize}`);
  const poolFactor = options.poolFactor ?? 10;
  if (!(poolFactor >= 1)) throw new RangeError(`poolFactor must be at least 1, got ${poolFactor}`);

  const pool = rankByUncertainty(decisions).slice(0, Math.ceil(batchSize * poolFactor));
  // Scenes as small integers (−1: none), so that closing a picked scene's members is a scan, not a Set lookup per member.
  const sceneIndex = new Map<string, number>();
  const groupOf = Int32Array.from(pool, (row) => {
    const group = groups[row];
    if (group == null) return -1;
    let index = sceneIndex.get(group);
    if (index === undefined) sceneIndex.set(group, (index = sceneIndex.size));
    return index;
  });
  const nearest = new Float64Array(pool.length).fill(Number.POSITIVE_INFINITY); // squared distance to the closest pick
  // 1 while a member may still be picked: not picked, and no pick from its scene. Distances, the bulk
  // of the work (pool × dimensions per pick), are only kept up to date for open members.
  const open = new Uint8Array(pool.length).fill(1);
  const picked: number[] = [];
  while (picked.length < batchSize) {
    let best = -1;
    for (let p = 0; p < pool.length; p++) {
      // Strictly farther wins: on ties the earlier (more uncertain) pool member stays.
      if (open[p] && (best === -1 || (nearest[p] as number) > (nearest[best] as number))) best = p;
    }
    if (best === -1) break;
    const row = pool[best] as number;
    picked.push(row);
    open[best] = 0;
    const group = groupOf[best] as number;
    if (group >= 0) for (let p = 0; p < pool.length; p++) if (groupOf[p] === group) open[p] = 0;
    for (let p = 0; p < pool.length; p++) {
      if (!open[p]) continue;
      const distance = squaredDistance(features, dimensions, row, pool[p] as number);
      if (distance < (nearest[p] as number)) nearest[p] = distance;
    }
  }
  return picked;
}

/** Candidate indices by |decision value|, smallest first (ties by index); NaN decisions are left out. */
export function rankByUncertainty(decisions: Float64Array): number[] {
  const indices: number[] = [];
  for (let i = 0; i < decisions.length; i++) if (!Number.isNaN(decisions[i])) indices.push(i);
  return indices.sort((a, b) => Math.abs(decisions[a] as number) - Math.abs(decisions[b] as number) || a - b);
}

function squaredDistance(features: FeatureRows, dimensions: number, a: number, b: number): number {
  let sum = 0;
  for (let k = 0, i = a * dimensions, j = b * dimensions; k < dimensions; k++, i++, j++) {
    const delta = (features[i] as number) - (features[j] as number);
    sum += delta * delta;
  }
  return sum;
}
