/** One pair of rows and their similarity (a dot product of unit-length rows: cosine). */
export interface SimilarPair {
  /** Row index in the left matrix. */
  left: number;
  /** Row index in the right matrix. */
  right: number;
  similarity: number;
}

/** Most similar first; ties by left row, then right row, so that results do not depend on block sizes. */
export const compareSimilarPairs = (x: SimilarPair, y: SimilarPair) => y.similarity - x.similarity || x.left - y.left || x.right - y.right;

/**
 * Keeps the `size` most similar pairs offered without holding every pair: a leak of one title card
 * across a split can mean millions of pairs. Pairs gather in an array that is sorted and cut back to
 * `size` whenever it doubles, which also raises `floor`, the similarity a pair must reach to matter.
 */
export class TopPairs {
  private pairs: SimilarPair[] = [];
  /** Pairs below this can no longer enter the result. */
  floor = Number.NEGATIVE_INFINITY;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`top must be a non-negative integer, got ${size}`);
    if (size === 0) this.floor = Number.POSITIVE_INFINITY;
  }

  offer(left: number, right: number, similarity: number): void {
    if (similarity < this.floor) return;
    this.pairs.push({ left, right, similarity });
    if (this.pairs.length >= this.size * 2) this.compact();
  }

  sorted(): SimilarPair[] {
    this.compact();
    return this.pairs.slice();
  }

  private compact() {
    this.pairs.sort(compareSimilarPairs);
    this.pairs.length = Math.min(this.pairs.length, this.size);
    const last = this.pairs.at(-1);
    if (last && this.pairs.length === this.size) this.floor = last.similarity;
  }
}
