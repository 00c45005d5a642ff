import { describe, expect, it } from "vitest";
import { gaussianClouds } from "../svm/test-data.ts";
import { crossValidatedDecisions } from "./cross-validate.ts";
import { assignGroupFolds } from "./folds.ts";
import { findLabelSuspects } from "./label-suspects.ts";

describe("findLabelSuspects", () => {
  it("flags only labels contradicted beyond the margin, most confident first", () => {
    const decisions = Float64Array.from([2.5, -0.4, -3, 1.5, Number.NaN, 0.9]);
    const labels = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    expect(findLabelSuspects({ decisions, labels })).toEqual([
      { index: 2, decision: -3 },
      { index: 3, decision: 1.5 },
    ]);
    expect(findLabelSuspects({ decisions, labels, margin: 0 }).map((s) => s.index)).toEqual([2, 3, 5, 1]);
  });
});

describe("assignGroupFolds", () => {
  it("keeps each group in one fold and gives every fold both classes", () => {
    const groups = ["a", "a", "b", "b", "c", "c", "d", "d", null, null];
    const labels = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 1, 0]);
    const folds = assignGroupFolds({ groups, labels, folds: 2 });
    for (const group of ["a", "b", "c", "d"]) {
      const inGroup = groups.flatMap((g, i) => (g === group ? [folds[i]] : []));
      expect(new Set(inGroup).size).toBe(1);
    }
    for (const fold of [0, 1]) {
      const classes = new Set(Array.from(labels).filter((_, i) => folds[i] === fold));
      expect(classes).toEqual(new Set([0, 1]));
    }
  });
});

describe("crossValidatedDecisions", () => {
  it("scores each row with a model that did not see it, exposing a flipped label", async () => {
    const data = gaussianClouds({ rows: 120, dimensions: 6, separation: 10, seed: 11 });
    const flipped = 17;
    const labels = data.labels.slice();
    labels[flipped] = 1 - (labels[flipped] as number);
    const groups = Array.from({ length: 120 }, (_, i) => `scene-${Math.floor(i / 2)}`);
    const decisions = await crossValidatedDecisions({ features: data.features, dimensions: 6, labels, groups, kernel: { type: "linear" }, C: 1 });

    expect(decisions.every((value) => Number.isFinite(value))).toBe(true);
    // Out of fold, the flipped row is still scored by its true class, far beyond the margin.
    expect(Math.sign(decisions[flipped] as number)).toBe((data.labels[flipped] as number) === 1 ? 1 : -1);
    expect(findLabelSuspects({ decisions, labels }).map((suspect) => suspect.index)).toEqual([flipped]);
  });

  it("returns NaN for every row when there are too few groups to cross-validate", async () => {
    const data = gaussianClouds({ rows: 10, dimensions: 2, separation: 4, seed: 3 });
    const decisions = await crossValidatedDecisions({ ...data, groups: Array.from(data.labels, () => "one scene"), kernel: { type: "linear" }, C: 1 });
    expect(Array.from(decisions).every(Number.isNaN)).toBe(true);
  });
});
