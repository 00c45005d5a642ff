import { describe, expect, it } from "vitest";
import { bestRows, correctCount, formatC, formatScore, kernelLabel, parseCs, PAPER_KERNELS } from "./results";

const score = (accuracy: number, balancedAccuracy = accuracy, count = 20) => ({ accuracy, balancedAccuracy, count });

describe("bestRows", () => {
  const rows = [
    { train: score(1), val: score(0.9, 0.85), test: score(0.8), distinct: null },
    { train: score(0.95), val: score(0.9, 0.9), test: score(0.85), distinct: score(0.7) },
    { train: score(1), val: score(0.85, 0.88), test: null, distinct: score(0.6) },
  ];

  it("marks every row that ties for the best of a column", () => {
    expect([...bestRows(rows, "train", "accuracy")]).toEqual([0, 2]);
    expect([...bestRows(rows, "val", "accuracy")]).toEqual([0, 1]);
  });

  it("follows the chosen metric and skips rows without the split", () => {
    expect([...bestRows(rows, "val", "balancedAccuracy")]).toEqual([1]);
    expect([...bestRows(rows, "test", "accuracy")]).toEqual([1]);
    expect([...bestRows(rows, "distinct", "accuracy")]).toEqual([1]);
  });

  it("marks nothing in an empty column", () => {
    expect(bestRows([{ train: null, val: null, test: null, distinct: null }], "distinct", "accuracy").size).toBe(0);
    expect(bestRows([], "train", "accuracy").size).toBe(0);
  });
});

describe("formatting", () => {
  it("prints shares as percentages with one decimal", () => {
    expect(formatScore(1)).toBe("100.0%");
    expect(formatScore(0.97916)).toBe("97.9%");
    expect(formatScore(0)).toBe("0.0%");
    expect(formatScore(null)).toBe("—");
    expect(formatScore(Number.NaN)).toBe("—");
  });

  it("recovers the frames right from accuracy and count", () => {
    expect(correctCount({ accuracy: 23 / 24, balancedAccuracy: 0.9, count: 24 })).toBe(23);
  });

  it("names kernels as the paper does", () => {
    expect(PAPER_KERNELS.map((choice) => kernelLabel(choice.key))).toEqual([
      "Linear",
      "Polynomial (d = 2)",
      "Polynomial (d = 3)",
      "Polynomial (d = 4)",
      "Polynomial (d = 5)",
      "Polynomial (d = 6)",
      "Polynomial (d = 10)",
      "Polynomial (d = 20)",
      "RBF",
    ]);
    expect(kernelLabel("sigmoid")).toBe("sigmoid");
  });

  it("prints C without float noise", () => {
    expect([0.01, 0.1, 1, 10, 100].map(formatC)).toEqual(["0.01", "0.1", "1", "10", "100"]);
    expect(formatC(0.1 + 0.2)).toBe("0.3");
    expect(formatC(1e-5)).toBe("1e-5");
    expect(formatC(null)).toBe("—");
  });
});

describe("parseCs", () => {
  it("reads commas and spaces, drops repeats and sorts", () => {
    expect(parseCs("10, 0.1 1,1e2;1")).toEqual({ ok: true, values: [0.1, 1, 10, 100] });
  });

  it("refuses what the API would refuse, saying which value", () => {
    expect(parseCs("  ")).toEqual({ ok: false, message: "Give at least one value of C." });
    expect(parseCs("1, -2")).toEqual({ ok: false, message: "“-2” is not a positive number." });
    expect(parseCs("1, 0")).toEqual({ ok: false, message: "“0” is not a positive number." });
    expect(parseCs("1, ten")).toEqual({ ok: false, message: "“ten” is not a positive number." });
    expect(parseCs(Array.from({ length: 31 }, (_, i) => i + 1).join(","))).toEqual({ ok: false, message: "At most 30 values of C." });
  });
});
