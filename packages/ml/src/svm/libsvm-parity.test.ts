// The precomputed-kernel path must be the same SVM as LIBSVM computing the kernel itself: same
// support vectors, same decisions. Only the Gram matrix's summation order differs.
import { describe, expect, it } from "vitest";
import { balancedClassWeights } from "./class-weights.ts";
import { decisionValues } from "./decision.ts";
import { computeCrossGram } from "./gram.ts";
import { trainLibsvm, type LibsvmKernelType } from "./libsvm.ts";
import { gaussianClouds, splitRows } from "./test-data.ts";
import { trainSvm } from "./train.ts";
import type { KernelSpec } from "./types.ts";

const data = gaussianClouds({ rows: 400, dimensions: 10, separation: 2, positiveShare: 0.65, seed: 11 });
const [train, test] = splitRows(data, 300);
// A no-face row first: LIBSVM's decision is then positive for no face, and the FACE-positive sign
// normalisation is exercised.
moveFirstNegativeToFront(train.features, train.labels, 10);
const rowsOf = (features: Float32Array) => Array.from({ length: features.length / 10 }, (_, i) => Float64Array.from(features.subarray(i * 10, (i + 1) * 10)));

const cases: { name: string; spec: KernelSpec; libsvmKernel: LibsvmKernelType }[] = [
  { name: "linear", spec: { type: "linear" }, libsvmKernel: "LINEAR" },
  { name: "RBF", spec: { type: "rbf" }, libsvmKernel: "RBF" },
  { name: "polynomial of degree 3", spec: { type: "poly", degree: 3, coef0: 1 }, libsvmKernel: "POLYNOMIAL" },
];

describe("precomputed kernel against LIBSVM's own kernel", () => {
  for (const { name, spec, libsvmKernel } of cases) {
    it(`gives the same support vectors and decisions (${name})`, async () => {
      const C = 1;
      const model = await trainSvm({ features: train.features, dimensions: 10, labels: train.labels, kernel: spec, C });
      const { kernel } = model;
      const direct = await trainLibsvm({
        samples: rowsOf(train.features),
        labels: train.labels,
        kernel: libsvmKernel,
        C,
        weights: { "0": model.classWeights.negative, "1": model.classWeights.positive },
        ...(kernel.type === "linear" ? {} : { gamma: kernel.gamma }),
        ...(kernel.type === "poly" ? { degree: kernel.degree, coef0: kernel.coef0 } : {}),
        predictSamples: rowsOf(test.features),
      });
      expect(direct.labels).toEqual([0, 1]);
      expect(Array.from(model.supportIndices)).toEqual(Array.from(direct.supportIndices));

      const crossGram = await computeCrossGram({ left: test.features, right: train.features, dimensions: 10 });
      const ours = decisionValues({ model, crossGram });
      // LIBSVM's model, read exactly; its decision is positive for its first label.
      const sign = direct.labels[0] === 1 ? 1 : -1;
      const theirs = decisionValues({ model: { kernel, coefficients: direct.coefficients.map((value) => sign * value), bias: -sign * direct.rho, supportIndices: direct.supportIndices }, crossGram });
      const scale = Math.max(...Array.from(theirs, Math.abs));
      const largest = Math.max(...Array.from(ours, (value, i) => Math.abs(value - (theirs[i] as number))));
      expect(largest).toBeLessThanOrEqual(1e-6 * scale);
      // And LIBSVM's own predictions on the test rows agree with the signs of ours.
      expect(Array.from(ours, (value) => (value > 0 ? 1 : 0))).toEqual(direct.predicted);
      expect(new Set(direct.predicted).size).toBe(2); // both classes occur, so the comparison means something
    });
  }

  it("uses the balanced weights n / (2 · n_c)", () => {
    const weights = balancedClassWeights(Uint8Array.from([1, 1, 1, 0]));
    expect(weights).toEqual({ negative: 2, positive: 4 / 6 });
  });
});

function moveFirstNegativeToFront(features: Float32Array, labels: Uint8Array, dimensions: number): void {
  const at = labels.indexOf(0);
  const row = features.slice(at * dimensions, (at + 1) * dimensions);
  features.copyWithin(at * dimensions, 0, dimensions);
  features.set(row, 0);
  labels[at] = labels[0] as number;
  labels[0] = 0;
}
