// Multi-index hashing helpers for near-pairs.ts: cutting 64-bit hashes into blocks, choosing how many,
// enumerating the values within a radius of a block, and a flat index of hashes by block value.

export interface Block {
  start: number;
  width: number;
}

/**
 * The block count m (2–32, so each block fits in 32 bits) with the fewest expected operations: per hash
 * and block, one probe per value within the radius, and the hashes met there (n / 2^width each for
 * spread-out hashes).
 */
export function chooseBlocks(n: number, maxDistance: number): { blocks: Block[]; radius: number } {
  let best = { blocks: blockLayout(Math.min(32, maxDistance + 1)), radius: Math.floor(maxDistance / Math.min(32, maxDistance + 1)), cost: Infinity };
  for (let m = 2; m <= Math.min(32, maxDistance + 1); m++) {
    const blocks = blockLayout(m);
    const radius = Math.floor(maxDistance / m);
    const width = Math.floor(64 / m);
    const probes = countMasks(width, radius);
    if (probes > 200_000) continue;
    const cost = n * m * probes * (1 + n / 2 ** width);
    if (cost < best.cost) best = { blocks, radius, cost };
  }
  return { blocks: best.blocks, radius: best.radius };
}

/** `count` contiguous blocks covering bits 0–63, as even as possible. */
function blockLayout(count: number): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const width = Math.floor(64 / count) + (i < 64 % count ? 1 : 0);
    blocks.push({ start, width });
    start += width;
  }
  return blocks;
}

/** Bits [start, start + width) of a 64-bit hash given as two 32-bit halves (bit 0 = least significant of `lo`); width ≤ 32. */
export function blockValue(hash: { hi: number; lo: number }, block: Block): number {
  let value = 0;
  for (let bit = block.start; bit < block.start + block.width; bit++) {
    const word = bit < 32 ? hash.lo : hash.hi;
    value = value * 2 + ((word >>> (bit % 32)) & 1);
  }
  return value;
}

function countMasks(width: number, radius: number): number {
  let total = 0;
  let choose = 1;
  for (let k = 0; k <= Math.min(radius, width); k++) {
    total += choose;
    choose = (choose * (width - k)) / (k + 1);
  }
  return total;
}

const maskCache = new Map<string, number[]>();

/** Every `width`-bit XOR mask with at most `radius` bits set, 0 first. */
export function masksWithin(width: number, radius: number): number[] {
  const key = `${width}/${radius}`;
  const cached = maskCache.get(key);
  if (cached) return cached;
  const masks: number[] = [];
  const grow = (mask: number, from: number, left: number) => {
    masks.push(mask >>> 0);
    if (left === 0) return;
    for (let bit = from; bit < width; bit++) grow(mask | (1 << bit), bit + 1, left - 1);
  };
  grow(0, 0, radius);
  maskCache.set(key, masks);
  return masks;
}

/** Node indices by block value, as a flat index: `members[starts[v] … starts[v + 1])` hold value v. */
export interface Buckets {
  starts: Int32Array;
  members: Int32Array;
}

/**
 * Blocks of up to 22 bits index every possible value (counting sort): a probe is two array reads, several
 * times faster than a Map lookup, and most probes find nothing. Wider blocks (only with m = 2, i.e.
 * distances up to 3) index their distinct values through a Map.
 */
export function bucketize(values: number[], width: number): { buckets: Buckets; slot: (value: number) => number } {
  let slot: (value: number) => number;
  let slots: number;
  if (width > 22) {
    const distinct = new Map<number, number>();
    for (const value of values) if (!distinct.has(value)) distinct.set(value, distinct.size);
    slots = distinct.size;
    slot = (value) => distinct.get(value) ?? -1;
  } else {
    slots = 2 ** width;
    slot = (value) => value;
  }
  const starts = new Int32Array(slots + 1);
  for (const value of values) starts[slot(value) + 1] = (starts[slot(value) + 1] ?? 0) + 1;
  for (let v = 1; v < starts.length; v++) starts[v] = (starts[v] ?? 0) + (starts[v - 1] ?? 0);
  const members = new Int32Array(values.length);
  const next = starts.slice(0, -1);
  values.forEach((value, i) => {
    const at = slot(value);
    members[next[at] ?? 0] = i;
    next[at] = (next[at] ?? 0) + 1;
  });
  return { buckets: { starts, members }, slot };
}

/** Whether the pair was already met at an earlier block: there its block values are within the radius too. */
export function foundInEarlierBlock(a: readonly number[], b: readonly number[], block: number, radius: number) {
  for (let i = 0; i < block; i++) if (popcount32((a[i] ?? 0) ^ (b[i] ?? 0)) <= radius) return true;
  return false;
}

export function popcount32(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
