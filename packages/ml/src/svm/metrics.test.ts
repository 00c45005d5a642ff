import { describe, expect, it } from "vitest";
import { computeMetrics } from "./metrics.ts";

describe("computeMetrics", () => {
  it("matches values worked out by hand (and by scikit-learn) with FACE as the positive class", () => {
    // truth:     1 1 1 1 1 1 0 0 0 0
    // predicted: 1 1 1 1 0 0 1 0 0 0  → TP 4, FN 2, FP 1, TN 3
    const metrics = computeMetrics({ labels: Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]), predicted: Uint8Array.from([1, 1, 1, 1, 0, 0, 1, 0, 0, 0]) });
    expect(metrics.confusion).toEqual({ truePositives: 4, falsePositives: 1, trueNegatives: 3, falseNegatives: 2 });
    expect(metrics.accuracy).toBeCloseTo(0.7, 12);
    expect(metrics.precision).toBeCloseTo(0.8, 12);
    expect(metrics.recall).toBeCloseTo(2 / 3, 12);
    expect(metrics.specificity).toBeCloseTo(0.75, 12);
    expect(metrics.balancedAccuracy).toBeCloseTo((2 / 3 + 0.75) / 2, 12); // 0.708333…
    expect(metrics.f1).toBeCloseTo(8 / 11, 12); // 2·0.8·(2/3) / (0.8 + 2/3)
    expect(metrics.count).toBe(10);
  });

  it("shows what plain accuracy hides: always answering FACE on 90% faces", () => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 90 ? 1 : 0));
    const metrics = computeMetrics({ labels, predicted: new Uint8Array(100).fill(1) });
    expect(metrics.accuracy).toBeCloseTo(0.9, 12);
    expect(metrics.balancedAccuracy).toBeCloseTo(0.5, 12);
    expect(metrics.specificity).toBe(0);
  });

  it("gives 0 precision and F1 when nothing is predicted FACE, and averages only present classes", () => {
    const none = computeMetrics({ labels: Uint8Array.from([1, 0, 0]), predicted: Uint8Array.from([0, 0, 0]) });
    expect([none.precision, none.recall, none.f1]).toEqual([0, 0, 0]);
    const onlyFaces = computeMetrics({ labels: Uint8Array.from([1, 1, 1, 1]), predicted: Uint8Array.from([1, 1, 1, 0]) });
    expect(onlyFaces.balancedAccuracy).toBeCloseTo(0.75, 12);
  });

  it("rejects mismatched lengths and labels other than 0 and 1", () => {
    expect(() => computeMetrics({ labels: Uint8Array.from([1]), predicted: Uint8Array.from([1, 0]) })).toThrow(/1 labels but 2 predictions/);
    expect(() => computeMetrics({ labels: Uint8Array.from([2]), predicted: Uint8Array.from([1]) })).toThrow(/must be 0 or 1/);
  });
});
