import { describe, expect, it } from "vitest";
import { computeCrossGram, computeGram } from "./gram.ts";
import { kernelMatrix, powi, resolveKernel } from "./kernels.ts";
import { seededRandom } from "./test-data.ts";
import type { Kernel } from "./types.ts";

const dimensions = 5;
const random = seededRandom(7);
const left = Float32Array.from({ length: 6 * dimensions }, () => Math.abs(random.normal()));
const right = Float32Array.from({ length: 4 * dimensions }, () => Math.abs(random.normal()));
const row = (rows: Float32Array, i: number) => Array.from(rows.subarray(i * dimensions, (i + 1) * dimensions));
const dot = (a: number[], b: number[]) => a.reduce((sum, value, k) => sum + value * (b[k] as number), 0);

// The formulas written out directly on the feature vectors, as scikit-learn documents them.
const direct: Record<Kernel["type"], (kernel: Kernel, a: number[], b: number[]) => number> = {
  linear: (_kernel, a, b) => dot(a, b),
  rbf: (kernel, a, b) => Math.exp(-(kernel.type === "rbf" ? kernel.gamma : 0) * a.reduce((sum, value, k) => sum + (value - (b[k] as number)) ** 2, 0)),
  poly: (kernel, a, b) => (kernel.type === "poly" ? (kernel.gamma * dot(a, b) + kernel.coef0) ** kernel.degree : Number.NaN),
};

describe("kernelMatrix", () => {
  const kernels: Kernel[] = [
    { type: "linear" },
    { type: "rbf", gamma: 0.3 },
    { type: "poly", degree: 3, gamma: 0.2, coef0: 1 },
    { type: "poly", degree: 20, gamma: 0.1, coef0: 0.5 },
  ];
  for (const kernel of kernels) {
    it(`equals the direct ${JSON.stringify(kernel)} formula on a cross Gram matrix`, async () => {
      const gram = await computeCrossGram({ left, right, dimensions });
      const values = kernelMatrix({ gram, kernel });
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 4; j++) {
          const expected = direct[kernel.type](kernel, row(left, i), row(right, j));
          expect(Math.abs((values[i * 4 + j] as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
        }
      }
    });
  }

  it("gives RBF 1 on the diagonal of a training Gram matrix", async () => {
    const gram = await computeGram({ features: left, dimensions });
    const values = kernelMatrix({ gram, kernel: { type: "rbf", gamma: 2 } });
    for (let i = 0; i < 6; i++) expect(values[i * 6 + i]).toBe(1);
  });

  it("writes LIBSVM's row layout through stride and offset", async () => {
    const gram = await computeCrossGram({ left, right, dimensions });
    const plain = kernelMatrix({ gram, kernel: { type: "linear" } });
    const out = new Float64Array(6 * 5).fill(-1);
    kernelMatrix({ gram, kernel: { type: "linear" }, out, stride: 5, offset: 1 });
    for (let i = 0; i < 6; i++) {
      expect(out[i * 5]).toBe(-1); // the serial column is left alone
      expect(Array.from(out.subarray(i * 5 + 1, i * 5 + 5))).toEqual(Array.from(plain.subarray(i * 4, i * 4 + 4)));
    }
    expect(() => kernelMatrix({ gram, kernel: { type: "linear" }, out: new Float64Array(10), stride: 5, offset: 1 })).toThrow(RangeError);
  });
});

describe("powi", () => {
  it("equals Math.pow for the paper's degrees", () => {
    for (const degree of [1, 2, 3, 4, 5, 6, 10, 20]) {
      for (const base of [-1.7, 0.3, 1.1, 2]) expect(powi(base, degree)).toBeCloseTo(base ** degree, 10);
    }
  });
});

describe("resolveKernel", () => {
  it("uses scikit-learn's gamma 'scale' = 1 / (d · var X) by default, and coef0 = 0", () => {
    expect(resolveKernel({ kernel: { type: "rbf" }, dimensions: 4, featureVariance: 0.5 })).toEqual({ type: "rbf", gamma: 0.5 });
    expect(resolveKernel({ kernel: { type: "poly", degree: 3, gamma: "scale" }, dimensions: 10, featureVariance: 2 })).toEqual({ type: "poly", degree: 3, gamma: 0.05, coef0: 0 });
    expect(resolveKernel({ kernel: { type: "rbf" }, dimensions: 4, featureVariance: 0 })).toEqual({ type: "rbf", gamma: 1 });
  });

  it("keeps explicit parameters and rejects impossible ones", () => {
    expect(resolveKernel({ kernel: { type: "poly", degree: 2, gamma: 3, coef0: 1 }, dimensions: 4, featureVariance: 1 })).toEqual({ type: "poly", degree: 2, gamma: 3, coef0: 1 });
    expect(() => resolveKernel({ kernel: { type: "poly", degree: 2.5 }, dimensions: 4, featureVariance: 1 })).toThrow(/positive integer/);
    expect(() => resolveKernel({ kernel: { type: "rbf", gamma: -1 }, dimensions: 4, featureVariance: 1 })).toThrow(/gamma/);
  });
});
