import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff-alpha.ts";
import { LABELS, tally } from "./tables.test-helpers.ts";

/** Units × values counts from an observers × units table, `null` where an observer did not code the unit. */
function fromReliabilityData(rows: (number | null)[][], values: number[]): number[][] {
  const width = Math.max(...rows.map((row) => row.length));
  const units = Array.from({ length: width }, (_, u) => rows.flatMap((row) => (row[u] == null ? [] : [row[u]])));
  return tally(units, values);
}

describe("krippendorffAlpha (nominal)", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
  // 4 observers, 12 units, missing values; nominal α = 0.743.
  it("gives 0.743 for the 4 observers × 12 units example with missing data", () => {
    const _ = null;
    const table = fromReliabilityData(
      [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
      ],
      [1, 2, 3, 4, 5],
    );
    expect(krippendorffAlpha(table)).toBeCloseTo(0.743, 3);
    // The paper's coincidence matrix: n = 40 pairable values (unit 12 has one), n_c = 9, 13, 10, 5, 3,
    // off-diagonal sum 8 (units 2, 6 and 8): α = 1 − 39 · 8 / (40² − Σ n_c²) = 1 − 312 / 1216.
    expect(krippendorffAlpha(table)).toBeCloseTo(1 - 312 / 1216, 12);
  });

  // Same paper, example A: two observers, binary data, no missing values; α = 0.095.
  it("gives 0.095 for the two-observer binary example", () => {
    const table = fromReliabilityData(
      [
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ],
      [0, 1],
    );
    expect(krippendorffAlpha(table)).toBeCloseTo(1 - (19 * 8) / (2 * 14 * 6), 12);
    expect(krippendorffAlpha(table)).toBeCloseTo(0.095, 3);
  });

  it("drops units with a single value (unpairable) and is null without pairable values", () => {
    expect(krippendorffAlpha([])).toBeNull();
    expect(krippendorffAlpha([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toBeNull();
    expect(krippendorffAlpha([[2, 0, 0], [0, 2, 0], [0, 0, 1]])).toBe(krippendorffAlpha([[2, 0, 0], [0, 2, 0]]));
  });

  it("is 1 for perfect agreement over two categories and null for a single category (no expected disagreement)", () => {
    expect(krippendorffAlpha([[3, 0], [0, 2]])).toBe(1);
    expect(krippendorffAlpha([[2, 0], [3, 0]])).toBeNull();
  });

  it("does not depend on the order of units or of categories", () => {
    const units = fc.array(fc.array(fc.constantFrom(...LABELS), { maxLength: 5 }), { maxLength: 15 });
    fc.assert(
      fc.property(units, (data) => {
        const alpha = krippendorffAlpha(tally(data, LABELS));
        const shuffled = krippendorffAlpha(tally([...data].reverse(), [...LABELS].reverse()));
        if (alpha === null) return shuffled === null;
        expect(shuffled).toBeCloseTo(alpha, 12);
        return true;
      }),
    );
  });
});
