import { describe, expect, it } from "vitest";
import { decisionValues, labelsFromDecisions, predictSvm } from "./decision.ts";
import { computeCrossGram, computeGram } from "./gram.ts";
import { computeMetrics } from "./metrics.ts";
import { gaussianClouds, splitRows, xorQuadrants } from "./test-data.ts";
import { trainSvm } from "./train.ts";

describe("trainSvm", () => {
  it("separates linearly separable data perfectly with a linear kernel", async () => {
    const data = gaussianClouds({ rows: 200, dimensions: 8, separation: 12, seed: 1 });
    const model = await trainSvm({ ...data, kernel: { type: "linear" }, C: 10 });
    const { predicted } = await predictSvm({ model, features: data.features });
    expect(computeMetrics({ labels: data.labels, predicted }).accuracy).toBe(1);
    expect(model.coefficients.length).toBeLessThan(50); // a separable set needs few support vectors
    expect(model.supportVectors.length).toBe(model.coefficients.length * 8);
  });

  it("fails on XOR with a linear kernel and succeeds with RBF", async () => {
    const [train, test] = splitRows(xorQuadrants({ rows: 500, seed: 2 }), 400);
    const accuracy = async (kernel: Parameters<typeof trainSvm>[0]["kernel"]) => {
      const model = await trainSvm({ ...train, kernel, C: 10 });
      const { predicted } = await predictSvm({ model, features: test.features });
      return computeMetrics({ labels: test.labels, predicted }).accuracy;
    };
    expect(await accuracy({ type: "linear" })).toBeLessThan(0.7);
    expect(await accuracy({ type: "rbf", gamma: 2 })).toBeGreaterThan(0.95);
  });

  it("raises balanced accuracy on imbalanced data with balanced class weights", async () => {
    const [train, test] = splitRows(gaussianClouds({ rows: 1000, dimensions: 6, separation: 0.8, positiveShare: 0.9, seed: 3 }), 700);
    const score = async (classWeights: "balanced" | "none") => {
      const model = await trainSvm({ ...train, kernel: { type: "linear" }, C: 1, classWeights });
      const { predicted } = await predictSvm({ model, features: test.features });
      return computeMetrics({ labels: test.labels, predicted });
    };
    const plain = await score("none");
    const balanced = await score("balanced");
    expect(balanced.balancedAccuracy).toBeGreaterThan(plain.balancedAccuracy + 0.1);
    expect(balanced.specificity).toBeGreaterThan(plain.specificity); // the rare no-face class is found more often
  });

  it("fits the standardiser on the training rows only and applies it to new rows", async () => {
    const [train, test] = splitRows(gaussianClouds({ rows: 300, dimensions: 4, separation: 3, seed: 4 }), 200);
    // Shift one dimension far away and stretch it, as unscaled CNN channels can be.
    for (const rows of [train.features, test.features]) for (let i = 0; i < rows.length; i += 4) rows[i] = (rows[i] as number) * 100 + 1000;
    const model = await trainSvm({ ...train, kernel: { type: "rbf" }, C: 1, standardise: true });
    const trainMean = Array.from({ length: train.features.length / 4 }, (_, i) => train.features[i * 4] as number).reduce((sum, value) => sum + value, 0) / 200;
    expect(model.standardiser?.mean[0]).toBeCloseTo(trainMean, 6);
    const { predicted } = await predictSvm({ model, features: test.features });
    expect(computeMetrics({ labels: test.labels, predicted }).accuracy).toBeGreaterThan(0.9);
  });

  it("gives the same decisions from the training cross Gram matrix as from the stored support vectors", async () => {
    const [train, test] = splitRows(gaussianClouds({ rows: 300, dimensions: 5, separation: 2, seed: 5 }), 200);
    const gram = await computeGram({ features: train.features, dimensions: 5 });
    const model = await trainSvm({ ...train, gram, kernel: { type: "poly", degree: 2 }, C: 1 });
    const fromTraining = decisionValues({ model, crossGram: await computeCrossGram({ left: test.features, right: train.features, dimensions: 5 }) });
    const { decisions, predicted } = await predictSvm({ model, features: test.features });
    for (let i = 0; i < decisions.length; i++) expect(decisions[i]).toBeCloseTo(fromTraining[i] as number, 9);
    expect(predicted).toEqual(labelsFromDecisions(fromTraining));
  });

  it("explains bad input", async () => {
    const features = new Float32Array(12);
    await expect(trainSvm({ features, dimensions: 3, labels: Uint8Array.from([1, 1, 1, 1]), kernel: { type: "linear" }, C: 1 })).rejects.toThrow(/needs both classes/);
    await expect(trainSvm({ features, dimensions: 3, labels: Uint8Array.from([1, 0]), kernel: { type: "linear" }, C: 1 })).rejects.toThrow(/2 labels for 4 feature rows/);
    await expect(trainSvm({ features, dimensions: 3, labels: Uint8Array.from([1, 0, 1, 0]), kernel: { type: "linear" }, C: 0 })).rejects.toThrow(/C must be a positive number/);
  });
});
