import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen-kappa.ts";
import { LABELS, confusion } from "./tables.test-helpers.ts";

/** A 2 × 2 table, rows rater A (yes, no), columns rater B (yes, no). */
const table = (yy: number, yn: number, ny: number, nn: number) => [
  [yy, yn],
  [ny, nn],
];

describe("cohenKappa", () => {
  // Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, p_o = 0.7, p_e = 0.5.
  it("gives 0.4 for Wikipedia's 50-proposal example", () => {
    expect(cohenKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 12);
  });

  // Wikipedia, "Same percentages but different numbers": both tables have p_o = 0.60.
  it("gives 0.1304 and 0.2593 for Wikipedia's two tables with the same p_o", () => {
    expect(cohenKappa(table(45, 15, 25, 15))).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(table(25, 35, 5, 35))).toBeCloseTo(0.2593, 4);
  });

  it("is 1 for perfect agreement over two or more categories, 0 at chance, negative below it", () => {
    expect(cohenKappa(table(3, 0, 0, 7))).toBe(1);
    expect(cohenKappa(table(1, 1, 1, 1))).toBe(0);
    expect(cohenKappa(table(0, 5, 5, 0))).toBe(-1);
  });

  it("is null without items, and when both raters used one and the same category (p_e = 1)", () => {
    expect(cohenKappa(table(0, 0, 0, 0))).toBeNull();
    expect(cohenKappa([])).toBeNull();
    expect(cohenKappa(table(9, 0, 0, 0))).toBeNull();
  });

  it("is 0, not null, when each rater used a single but different category (p_e = 0)", () => {
    expect(cohenKappa(table(0, 4, 0, 0))).toBe(0);
  });

  it("is symmetric in the raters, ignores the order of categories, and stays within [−1, 1]", () => {
    const label = fc.constantFrom(...LABELS);
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label), { maxLength: 40 }), (pairs) => {
        const kappa = cohenKappa(confusion(pairs, LABELS));
        const swapped = cohenKappa(confusion(pairs.map(([a, b]) => [b, a] as const), LABELS));
        const reordered = cohenKappa(confusion(pairs, [...LABELS].reverse()));
        if (kappa === null) return swapped === null && reordered === null;
        expect(swapped).toBeCloseTo(kappa, 12);
        expect(reordered).toBeCloseTo(kappa, 12);
        expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(kappa).toBeGreaterThanOrEqual(-1 - 1e-12);
        return true;
      }),
    );
  });
});
