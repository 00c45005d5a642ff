// Pairs of rows, one from each of two matrices, whose dot product reaches a threshold: with unit-length
// rows (normaliseRows) that is cosine similarity, as for near-duplicate frames on two sides of a split.
// A·Bᵀ is computed a block at a time by onnxruntime's multithreaded float32 Gemm and scanned as each
// block arrives, so neither the whole product nor every pair is ever held: only the count and the
// `top` most similar pairs. Between blocks the event loop gets a turn (the API runs this).
import { multiplyTransposedF32 } from "../svm/gemm.ts";
import { TopPairs, type SimilarPair } from "./top-pairs.ts";

/**
 * float32 dot products of unit rows are within a few 1e-6 of the exact value (more for thousands of
 * dimensions), so identical rows may come out at 0.999997: a pair counts when its product reaches
 * `threshold − SIMILARITY_TOLERANCE`, and threshold 1 still finds identical rows.
 */
export const SIMILARITY_TOLERANCE = 1e-5;

/** Values of A·Bᵀ per block (16 MiB of float32): big enough for Gemm to run at full speed. */
const BLOCK_VALUES = 1 << 22;

export interface SimilarPairs {
  /** Pairs whose similarity reaches the threshold. */
  count: number;
  /** The `top` most similar of them, most similar first (ties by left row, then right row). */
  top: SimilarPair[];
}

export async function findSimilarPairs(options: {
  left: Float32Array; // leftRows × dimensions, row-major, unit-length rows
  right: Float32Array; // rightRows × dimensions, row-major, unit-length rows
  dimensions: number;
  /** A pair counts when left · right ≥ threshold (within SIMILARITY_TOLERANCE). */
  threshold: number;
  /** How many of the most similar pairs to return. */
  top: number;
  /** Rows of each side per block (default: blocks of about 4 M products); small values are for tests. */
  blockRows?: number;
}): Promise<SimilarPairs> {
  const { left, right, dimensions, threshold } = options;
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  const leftRows = left.length / dimensions;
  const rightRows = right.length / dimensions;
  if (!Number.isInteger(leftRows) || !Number.isInteger(rightRows)) throw new RangeError(`left (${left.length}) and right (${right.length}) are not whole ${dimensions}-dimensional rows`);
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  const best = new TopPairs(options.top);
  let count = 0;
  if (leftRows === 0 || rightRows === 0) return { count, top: [] };

  const leftBlock = options.blockRows ?? Math.min(leftRows, 2048);
  const rightBlock = options.blockRows ?? Math.max(1, Math.min(rightRows, Math.floor(BLOCK_VALUES / leftBlock)));
  if (!Number.isInteger(leftBlock) || leftBlock <= 0) throw new RangeError(`blockRows must be a positive integer, got ${options.blockRows}`);
  const cut = threshold - SIMILARITY_TOLERANCE;
  for (let i0 = 0; i0 < leftRows; i0 += leftBlock) {
    const i1 = Math.min(leftRows, i0 + leftBlock);
    const a = left.subarray(i0 * dimensions, i1 * dimensions);
    for (let j0 = 0; j0 < rightRows; j0 += rightBlock) {
      const j1 = Math.min(rightRows, j0 + rightBlock);
      const product = await multiplyTransposedF32({ left: a, right: right.subarray(j0 * dimensions, j1 * dimensions), dimensions }); // (i1 − i0) × (j1 − j0)
      const width = j1 - j0;
      for (let k = 0; k < product.length; k++) {
        const value = product[k] as number;
        if (value < cut) continue;
        count += 1;
        if (value >= best.floor) best.offer(i0 + Math.floor(k / width), j0 + (k % width), Math.min(1, value));
      }
    }
  }
  return { count, top: best.sorted() };
}
