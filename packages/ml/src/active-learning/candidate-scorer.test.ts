import { describe, expect, it } from "vitest";
import { predictSvm } from "../svm/decision.ts";
import { gaussianClouds } from "../svm/test-data.ts";
import { trainSvm } from "../svm/train.ts";
import type { KernelSpec } from "../svm/types.ts";
import { createCandidateScorer } from "./candidate-scorer.ts";

const train = gaussianClouds({ rows: 160, dimensions: 12, separation: 2, seed: 7 });
const candidates = gaussianClouds({ rows: 230, dimensions: 12, separation: 2, seed: 8 }).features;

describe("createCandidateScorer", () => {
  const cases: [string, KernelSpec, boolean][] = [
    ["linear", { type: "linear" }, false],
    ["rbf", { type: "rbf" }, false],
    ["poly 3", { type: "poly", degree: 3, coef0: 1 }, false],
    ["poly 10", { type: "poly", degree: 10 }, false],
    ["rbf on standardised rows", { type: "rbf" }, true],
    ["linear on standardised rows", { type: "linear" }, true],
  ];
  it.each(cases)("gives predictSvm's decisions (%s), page by page", async (_name, kernel, standardise) => {
    const model = await trainSvm({ features: train.features, labels: train.labels, dimensions: 12, kernel, C: 1, standardise });
    const expected = (await predictSvm({ model, features: candidates })).decisions;
    const score = createCandidateScorer(model);
    const pages = [candidates.subarray(0, 100 * 12), candidates.subarray(100 * 12, 101 * 12), candidates.subarray(101 * 12)];
    const decisions = new Float64Array(230);
    let at = 0;
    for (const page of pages) {
      const scored = await score(page);
      decisions.set(scored, at);
      at += scored.length;
    }
    expect(at).toBe(230);
    const spread = Math.max(...Array.from(expected, Math.abs));
    expect(spread).toBeGreaterThan(0.5); // decisions that mean something, not all ≈ bias
    for (let i = 0; i < 230; i++) expect(Math.abs((decisions[i] as number) - (expected[i] as number))).toBeLessThan(1e-9 * Math.max(1, spread));
    expect(await score(new Float32Array(0))).toEqual(new Float64Array(0));
  });

  it("refuses rows of another width", async () => {
    const model = await trainSvm({ features: train.features, labels: train.labels, dimensions: 12, kernel: { type: "rbf" }, C: 1 });
    await expect(createCandidateScorer(model)(new Float32Array(13))).rejects.toThrow(/not whole rows of 12/);
  });
});
