import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fleissKappa } from "./fleiss-kappa.ts";
import { krippendorffAlpha } from "./krippendorff-alpha.ts";
import { LABELS, WIKIPEDIA_FLEISS_TABLE, tally } from "./tables.test-helpers.ts";

describe("fleissKappa", () => {
  it("gives 0.210 for Wikipedia's 10 × 14 example (P̄ = 0.378, P_e = 0.213)", () => {
    const kappa = fleissKappa(WIKIPEDIA_FLEISS_TABLE);
    expect(kappa).toBeCloseTo(0.21, 3);
    // From the table's integers: Σ n_ij² = 828 over 140 ratings, so P̄ = (828 − 140) / (10 · 14 · 13);
    // column totals 20, 28, 39, 21, 32, so P_e = 4170 / 140².
    const observed = (828 - 140) / 1820;
    const expected = 4170 / 19600;
    expect(kappa).toBeCloseTo((observed - expected) / (1 - expected), 12);
  });

  it("is 1 when every item is unanimous and two categories occur", () => {
    expect(fleissKappa([[3, 0, 0], [0, 2, 0]])).toBe(1);
  });

  it("is null without items, with single ratings only, and with a single category (P_e = 1)", () => {
    expect(fleissKappa([])).toBeNull();
    expect(fleissKappa([[1, 0], [0, 1]])).toBeNull();
    expect(fleissKappa([[2, 0, 0], [3, 0, 0]])).toBeNull();
  });

  it("leaves items with one rating out of both P̄ and p_j", () => {
    const items = [[1, 1], [2, 0], [0, 2]];
    expect(fleissKappa([...items, [1, 0], [1, 0], [1, 0]])).toBe(fleissKappa(items));
  });

  it("handles a varying number of raters per item by per-item P_i and pooled p_j", () => {
    // P_1 = 1 (3 of 3), P_2 = 0 (1 vs 1); P̄ = 0.5. p_a = 4/5, p_b = 1/5, P_e = 0.68. κ = (0.5 − 0.68) / 0.32.
    expect(fleissKappa([[3, 0], [1, 1]])).toBeCloseTo((0.5 - 0.68) / 0.32, 12);
  });

  it("with m raters on every item, relates to Krippendorff's α by 1 − α = (1 − κ)(N − 1)/N, N ratings in all", () => {
    const ratings = fc
      .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 12 }))
      .chain(([raters, items]) =>
        fc.array(fc.array(fc.constantFrom(...LABELS), { minLength: raters, maxLength: raters }), { minLength: items, maxLength: items }),
      );
    fc.assert(
      fc.property(ratings, (units) => {
        const table = tally(units, LABELS);
        const kappa = fleissKappa(table);
        const alpha = krippendorffAlpha(table);
        if (kappa === null || alpha === null) return kappa === alpha;
        const total = units.flat().length;
        expect(1 - alpha).toBeCloseTo(((1 - kappa) * (total - 1)) / total, 10);
        return true;
      }),
    );
  });
});
