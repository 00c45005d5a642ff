/**
 * Near-duplicate frames on different sides of a split, by Hamming distance of their 64-bit dHash.
 *
 * Multi-index hashing (Norouzi et al.): cut the 64 bits into m blocks. Two hashes at most d bits apart
 * differ by at most ⌊d/m⌋ bits in at least one block (pigeonhole), so each hash is bucketed by each
 * block's value and only compared with the hashes found by probing, per block, every value within
 * ⌊d/m⌋ bits of its own. m is picked by an estimate of probes plus comparisons. Exact, and far fewer
 * comparisons than all pairs. Identical hashes (flat pictures all hash to 0) are collapsed first and
 * counted by multiplication, so a thousand black frames cost one entry, not half a million pairs.
 * Postgres has `bit_count` only from 14 on, and kao supports 13: hence JS.
 */

import { blockValue, bucketize, chooseBlocks, foundInEarlierBlock, masksWithin, popcount32 } from "./bit-blocks.ts";

export { popcount32 } from "./bit-blocks.ts";

export type LeakageSplit = "TRAIN" | "VAL" | "TEST" | "DISTINCT";
export const LEAKAGE_SPLITS: readonly LeakageSplit[] = ["TRAIN", "VAL", "TEST", "DISTINCT"];
/**
 * Unrelated pictures are 16–52 bits apart (packages/media/src/scenes.ts) and the search grows steeply
 * with the distance (it runs on the API's event loop), so larger distances are refused.
 */
export const MAX_LEAKAGE_DISTANCE = 16;

export interface HashedFrame {
  id: string;
  split: LeakageSplit;
  sceneId: string | null;
  /** Signed or unsigned 64-bit dHash. */
  hash: bigint;
}

export interface NearPair {
  a: string;
  b: string;
  splitA: LeakageSplit;
  splitB: LeakageSplit;
  distance: number;
}

export interface NearPairReport {
  /** Cross-split pairs per unordered split pair, keyed "TRAIN/TEST" (splits in LEAKAGE_SPLITS order). */
  pairsBySplits: Map<string, number>;
  total: number;
  /** Cross-split pairs whose two frames share a scene (a split that respects scenes has none). */
  sameScene: number;
  /** Up to `sample` pairs, nearest first, then by frame id; one per pair of distinct hashes and pair of splits. */
  examples: NearPair[];
}

interface Node {
  hi: number;
  lo: number;
  /** Frames with this exact hash, per split index. */
  members: string[][];
  /** sceneId → frames of that scene with this hash, per split index. */
  scenes: Map<string, number[]>;
  /** Bit i set: some member is in split i. */
  mask: number;
}

export function findNearPairs(options: { frames: readonly HashedFrame[]; maxDistance: number; sample: number }): NearPairReport {
  const { maxDistance, sample } = options;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_LEAKAGE_DISTANCE) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${MAX_LEAKAGE_DISTANCE}.`);
  }
  const nodes = collapse(options.frames);
  const report: NearPairReport = { pairsBySplits: new Map(), total: 0, sameScene: 0, examples: [] };
  const examples = new ExampleSample(sample);

  for (const node of nodes) countPairs(node, node, 0, report, examples);

  const { blocks, radius } = chooseBlocks(nodes.length, maxDistance);
  const keys = nodes.map((node) => blocks.map((block) => blockValue(node, block)));
  for (const [b, block] of blocks.entries()) {
    const { buckets, slot } = bucketize(keys.map((key) => key[b] ?? 0), block.width);
    const masks = masksWithin(block.width, radius);
    for (const [i, u] of nodes.entries()) {
      const own = keys[i] ?? [];
      for (const mask of masks) {
        const at = slot(((own[b] ?? 0) ^ mask) >>> 0);
        if (at < 0) continue;
        const end = buckets.starts[at + 1] ?? 0;
        for (let k = buckets.starts[at] ?? 0; k < end; k++) {
          const j = buckets.members[k] ?? 0;
          const v = nodes[j];
          if (j <= i || !v) continue; // each unordered pair once per block
          // Both entirely in the same single split: nothing can leak between them.
          if (u.mask === v.mask && (u.mask & (u.mask - 1)) === 0) continue;
          if (foundInEarlierBlock(own, keys[j] ?? [], b, radius)) continue; // counted there already
          const distance = popcount32(u.hi ^ v.hi) + popcount32(u.lo ^ v.lo);
          if (distance <= maxDistance) countPairs(u, v, distance, report, examples);
        }
      }
    }
  }
  report.examples = examples.sorted();
  return report;
}

function collapse(frames: readonly HashedFrame[]): Node[] {
  const byHash = new Map<bigint, Node>();
  for (const frame of [...frames].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const unsigned = BigInt.asUintN(64, frame.hash);
    let node = byHash.get(unsigned);
    if (!node) {
      node = { hi: Number(unsigned >> 32n), lo: Number(unsigned & 0xffffffffn), members: LEAKAGE_SPLITS.map(() => []), scenes: new Map(), mask: 0 };
      byHash.set(unsigned, node);
    }
    const split = LEAKAGE_SPLITS.indexOf(frame.split);
    node.members[split]?.push(frame.id);
    node.mask |= 1 << split;
    if (frame.sceneId !== null) {
      const counts = node.scenes.get(frame.sceneId) ?? LEAKAGE_SPLITS.map(() => 0);
      counts[split] = (counts[split] ?? 0) + 1;
      node.scenes.set(frame.sceneId, counts);
    }
  }
  return [...byHash.values()];
}

/** Adds the cross-split pairs between the frames of two nodes (or within one node when u === v). */
function countPairs(u: Node, v: Node, distance: number, report: NearPairReport, examples: ExampleSample) {
  const same = u === v;
  for (let s = 0; s < LEAKAGE_SPLITS.length; s++) {
    for (let t = same ? s + 1 : 0; t < LEAKAGE_SPLITS.length; t++) {
      if (s === t) continue;
      const left = u.members[s] ?? [];
      const right = v.members[t] ?? [];
      const pairs = left.length * right.length;
      if (pairs === 0) continue;
      const [lo, hi] = s < t ? [s, t] : [t, s];
      const key = `${LEAKAGE_SPLITS[lo]}/${LEAKAGE_SPLITS[hi]}`;
      report.pairsBySplits.set(key, (report.pairsBySplits.get(key) ?? 0) + pairs);
      report.total += pairs;
      examples.offer(distance, left[0] ?? "", right[0] ?? "", LEAKAGE_SPLITS[s] ?? "TRAIN", LEAKAGE_SPLITS[t] ?? "TRAIN");
    }
  }
  const [small, large] = u.scenes.size <= v.scenes.size ? [u, v] : [v, u];
  for (const [scene, counts] of small.scenes) {
    const other = large.scenes.get(scene);
    if (!other) continue;
    for (let s = 0; s < LEAKAGE_SPLITS.length; s++) {
      for (let t = same ? s + 1 : 0; t < LEAKAGE_SPLITS.length; t++) {
        if (s !== t) report.sameScene += (counts[s] ?? 0) * (other[t] ?? 0);
      }
    }
  }
}

/** Keeps the `size` nearest example pairs without holding every pair found. */
class ExampleSample {
  private pairs: NearPair[] = [];
  constructor(private readonly size: number) {}
  offer(distance: number, a: string, b: string, splitA: LeakageSplit, splitB: LeakageSplit) {
    if (this.size <= 0) return;
    const [first, second] = a < b ? [{ id: a, split: splitA }, { id: b, split: splitB }] : [{ id: b, split: splitB }, { id: a, split: splitA }];
    this.pairs.push({ a: first.id, b: second.id, splitA: first.split, splitB: second.split, distance });
    if (this.pairs.length >= this.size * 4) this.pairs = this.sorted();
  }
  sorted(): NearPair[] {
    return this.pairs.sort((x, y) => x.distance - y.distance || compare(x.a, y.a) || compare(x.b, y.b)).slice(0, this.size);
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
