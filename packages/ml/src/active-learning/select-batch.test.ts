import { describe, expect, it } from "vitest";
import { rankByUncertainty, selectDiverseBatch } from "./select-batch.ts";
import { scorePriorities } from "./priorities.ts";

/** Candidates as [decision, x, y, scene]. */
function candidates(rows: [number, number, number, string | null][]) {
  return {
    decisions: Float64Array.from(rows, (row) => row[0]),
    features: Float32Array.from(rows.flatMap((row) => [row[1], row[2]])),
    dimensions: 2,
    groups: rows.map((row) => row[3]),
  };
}

describe("selectDiverseBatch", () => {
  it("starts with the most uncertain candidate, whatever its sign", () => {
    const data = candidates([
      [2.5, 0, 0, null],
      [-0.05, 5, 5, null],
      [0.3, 9, 1, null],
      [-1.2, 3, 8, null],
    ]);
    expect(selectDiverseBatch({ ...data, batchSize: 1 })).toEqual([1]);
    expect(rankByUncertainty(data.decisions)).toEqual([1, 2, 3, 0]);
  });

  it("does not pick two near-identical uncertain frames while a different one is available", () => {
    const data = candidates([
      [0.01, 1, 1, null], // most uncertain
      [0.02, 1.001, 1, null], // its near-copy, second most uncertain
      [0.4, 8, -3, null], // less uncertain, elsewhere in feature space
      [3, 20, 20, null], // confident: outside a pool of 1.5 × 2 = 3
    ]);
    expect(selectDiverseBatch({ ...data, batchSize: 2, poolFactor: 1.5 })).toEqual([0, 2]);
    // Pure uncertainty would have taken the near-copy:
    expect(rankByUncertainty(data.decisions).slice(0, 2)).toEqual([0, 1]);
    // Only when nothing else is left in the pool does the near-copy come.
    expect(selectDiverseBatch({ ...data, batchSize: 3, poolFactor: 1 })).toEqual([0, 2, 1]);
  });

  it("skips frames of a scene already in the batch, even when they are far apart in feature space", () => {
    const data = candidates([
      [0.01, 0, 0, "scene-a"],
      [0.02, 50, 50, "scene-a"], // farthest from the first pick, but the same scene
      [0.3, 5, 0, "scene-b"],
      [0.5, 0, 6, null],
    ]);
    const batch = selectDiverseBatch({ ...data, batchSize: 3 });
    expect(batch).toEqual([0, 3, 2]);
    expect(batch).not.toContain(1);
    // With one scene and nothing else, the batch is smaller than asked rather than doubled up.
    expect(selectDiverseBatch({ ...candidates([[0.1, 0, 0, "s"], [0.2, 9, 9, "s"]]), batchSize: 2 })).toEqual([0]);
  });

  it("leaves out candidates without a decision and refuses inconsistent shapes", () => {
    const data = candidates([
      [Number.NaN, 0, 0, null],
      [0.7, 1, 1, null],
    ]);
    expect(selectDiverseBatch({ ...data, batchSize: 2 })).toEqual([1]);
    expect(() => selectDiverseBatch({ ...data, groups: [null], batchSize: 1 })).toThrow(/1 groups for 2 candidates/);
    expect(() => selectDiverseBatch({ ...data, dimensions: 3, batchSize: 1 })).toThrow(/feature values/);
  });
});

describe("scorePriorities", () => {
  it("puts the batch first in pick order, then the others by uncertainty, unscored last", () => {
    const priorities = scorePriorities({ decisions: Float64Array.from([0.1, -2, 0.5, Number.NaN, 1]), batch: [2, 0] });
    expect(Array.from(priorities)).toEqual([2, 1 / 3, 3, 0, 0.5]);
    const order = Array.from(priorities.keys()).sort((a, b) => (priorities[b] as number) - (priorities[a] as number));
    expect(order).toEqual([2, 0, 4, 1, 3]);
  });

  it("refuses a batch index that is not a candidate", () => {
    expect(() => scorePriorities({ decisions: Float64Array.from([0]), batch: [1] })).toThrow(/not a candidate/);
  });
});
