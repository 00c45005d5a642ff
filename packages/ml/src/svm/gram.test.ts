import { describe, expect, it } from "vitest";
import { computeCrossGram, computeGram } from "./gram.ts";
import { seededRandom } from "./test-data.ts";

function randomRows(rows: number, dimensions: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: rows * dimensions }, () => random.normal() * 3 + 1);
}

function dot(a: Float32Array, i: number, b: Float32Array, j: number, dimensions: number): number {
  let sum = 0;
  for (let k = 0; k < dimensions; k++) sum += (a[i * dimensions + k] as number) * (b[j * dimensions + k] as number);
  return sum;
}

describe("computeGram", () => {
  it("equals X·Xᵀ computed directly in float64, with norms and the variance of all entries", async () => {
    const dimensions = 37;
    const features = randomRows(53, dimensions, 1);
    const gram = await computeGram({ features, dimensions });
    expect(gram.rows).toBe(53);
    expect(gram.cols).toBe(53);
    for (let i = 0; i < 53; i++) {
      for (let j = 0; j < 53; j++) {
        const expected = dot(features, i, features, j, dimensions);
        expect(Math.abs((gram.values[i * 53 + j] as number) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
      }
      expect(gram.rowSquaredNorms[i]).toBe(gram.values[i * 53 + i]);
    }
    const entries = Array.from(features);
    const mean = entries.reduce((sum, value) => sum + value, 0) / entries.length;
    const variance = entries.reduce((sum, value) => sum + (value - mean) ** 2, 0) / entries.length;
    expect(gram.featureVariance).toBeCloseTo(variance, 10);
    expect(gram.dimensions).toBe(dimensions);
  });

  it("can put the values in a SharedArrayBuffer for worker threads", async () => {
    const gram = await computeGram({ features: randomRows(4, 3, 2), dimensions: 3, shared: true });
    expect(gram.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(gram.rowSquaredNorms.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("rejects features that are not whole rows", async () => {
    await expect(computeGram({ features: new Float32Array(10), dimensions: 3 })).rejects.toThrow(/not a whole number of 3-dimensional rows/);
  });
});

describe("computeCrossGram", () => {
  it("equals A·Bᵀ with each side's squared norms", async () => {
    const dimensions = 9;
    const left = randomRows(7, dimensions, 3);
    const right = randomRows(11, dimensions, 4);
    const cross = await computeCrossGram({ left, right, dimensions });
    expect([cross.rows, cross.cols]).toEqual([7, 11]);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 11; j++) expect(cross.values[i * 11 + j]).toBeCloseTo(dot(left, i, right, j, dimensions), 9);
      expect(cross.rowSquaredNorms[i]).toBeCloseTo(dot(left, i, left, i, dimensions), 9);
    }
    for (let j = 0; j < 11; j++) expect(cross.colSquaredNorms[j]).toBeCloseTo(dot(right, j, right, j, dimensions), 9);
  });
});
