import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SIMILARITY_TOLERANCE, findSimilarPairs } from "./find-similar-pairs.ts";
import { normaliseRows } from "./normalise-rows.ts";

/** Every pair the slow way: float64 dot products of the same unit rows, most similar first. */
function bruteForce(left: Float32Array, right: Float32Array, dimensions: number, threshold: number) {
  const pairs: { left: number; right: number; similarity: number }[] = [];
  for (let i = 0; i < left.length / dimensions; i++) {
    for (let j = 0; j < right.length / dimensions; j++) {
      let sum = 0;
      for (let k = 0; k < dimensions; k++) sum += (left[i * dimensions + k] as number) * (right[j * dimensions + k] as number);
      if (sum >= threshold - SIMILARITY_TOLERANCE) pairs.push({ left: i, right: j, similarity: sum });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || x.left - y.left || x.right - y.right);
}

/** Rows scattered around a few directions (near-duplicates of each other), like frames of a few shots. */
const rowsArb = (bases: number[][], dimensions: number) =>
  fc
    .array(fc.record({ base: fc.nat(bases.length - 1), noise: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: dimensions, maxLength: dimensions }) }), { maxLength: 14 })
    .map((rows) => Float32Array.from(rows.flatMap((row) => (bases[row.base] ?? []).map((value, k) => value + (row.noise[k] ?? 0)))));

const caseArb = fc.integer({ min: 1, max: 9 }).chain((dimensions) =>
  fc
    .array(fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: dimensions, maxLength: dimensions }), { minLength: 1, maxLength: 3 })
    .chain((bases) =>
      fc.record({
        dimensions: fc.constant(dimensions),
        left: rowsArb(bases, dimensions),
        right: rowsArb(bases, dimensions),
        threshold: fc.double({ min: 0.5, max: 1, noNaN: true }),
        top: fc.integer({ min: 0, max: 6 }),
        blockRows: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      }),
    ),
);

describe("findSimilarPairs", () => {
  it("counts the pairs a brute-force scan counts and returns the most similar, whatever the block size", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ dimensions, threshold, top, blockRows, ...raw }) => {
        const left = normaliseRows({ features: raw.left, dimensions });
        const right = normaliseRows({ features: raw.right, dimensions });
        const expected = bruteForce(left, right, dimensions, threshold);
        // A pair within float32's rounding of the cut may fall either way; such cases are not informative.
        fc.pre(expected.every((pair) => pair.similarity - (threshold - SIMILARITY_TOLERANCE) > 1e-6));
        fc.pre(bruteForce(left, right, dimensions, threshold - 1e-6).length === expected.length);

        const found = await findSimilarPairs({ left, right, dimensions, threshold, top, ...(blockRows ? { blockRows } : {}) });
        expect(found.count).toBe(expected.length);
        expect(found.top).toHaveLength(Math.min(top, expected.length));
        found.top.forEach((pair, rank) => {
          const exact = expected.find((candidate) => candidate.left === pair.left && candidate.right === pair.right);
          expect(exact, `pair ${pair.left}/${pair.right} is not above the threshold`).toBeDefined();
          expect(Math.abs(pair.similarity - Math.min(1, exact?.similarity ?? Number.NaN))).toBeLessThan(1e-5);
          // The rank-th most similar pair, up to float32 rounding between near-ties.
          expect(Math.abs(pair.similarity - Math.min(1, expected[rank]?.similarity ?? Number.NaN))).toBeLessThan(1e-5);
          if (rank > 0) expect(pair.similarity).toBeLessThanOrEqual(found.top[rank - 1]?.similarity ?? Number.NaN);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("finds identical rows at threshold 1 despite float32 rounding, and counts every copy", async () => {
    const dimensions = 2048;
    const row = Float32Array.from({ length: dimensions }, (_, k) => Math.abs(Math.sin(k * 1.7)) + 0.01);
    const other = Float32Array.from({ length: dimensions }, (_, k) => (k % 2 ? 1 : 0.2));
    const left = normaliseRows({ features: Float32Array.from([...row, ...other, ...row]), dimensions });
    const right = normaliseRows({ features: Float32Array.from([...other, ...row.map((value) => value * 3)]), dimensions });
    const found = await findSimilarPairs({ left, right, dimensions, threshold: 1, top: 10 });
    expect(found.count).toBe(3); // row ↔ 3·row twice, other ↔ other once
    expect(found.top.map((pair) => `${pair.left}/${pair.right}`).sort()).toEqual(["0/1", "1/0", "2/1"]);
    for (const pair of found.top) expect(pair.similarity).toBeGreaterThan(1 - SIMILARITY_TOLERANCE);
  });

  it("leaves zero rows out (they have no direction) and handles empty sides", async () => {
    const left = normaliseRows({ features: Float32Array.from([0, 0, 3, 4]), dimensions: 2 });
    expect(Array.from(left)).toEqual([0, 0, Math.fround(0.6), Math.fround(0.8)]);
    const inPlace = Float32Array.from([0, 0, 3, 4]);
    expect(normaliseRows({ features: inPlace, dimensions: 2, out: inPlace })).toBe(inPlace);
    expect(inPlace).toEqual(left);
    const found = await findSimilarPairs({ left, right: left, dimensions: 2, threshold: 0.5, top: 5 });
    expect(found).toEqual({ count: 1, top: [{ left: 1, right: 1, similarity: expect.closeTo(1, 6) }] });
    expect(await findSimilarPairs({ left: new Float32Array(0), right: left, dimensions: 2, threshold: 0.5, top: 5 })).toEqual({ count: 0, top: [] });
  });

  it("refuses inconsistent shapes", async () => {
    await expect(findSimilarPairs({ left: new Float32Array(3), right: new Float32Array(4), dimensions: 2, threshold: 0.9, top: 1 })).rejects.toThrow(/whole 2-dimensional rows/);
    await expect(findSimilarPairs({ left: new Float32Array(2), right: new Float32Array(2), dimensions: 2, threshold: 0.9, top: -1 })).rejects.toThrow(/top must be/);
    expect(() => normaliseRows({ features: new Float32Array(3), dimensions: 2 })).toThrow(/whole number/);
  });
});
