import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentAgreement } from "./percent-agreement.ts";
import { LABELS, WIKIPEDIA_FLEISS_TABLE, tally } from "./tables.test-helpers.ts";

describe("percentAgreement", () => {
  it("averages each item's share of agreeing pairs", () => {
    // Item 1: 3 of 3 pairs agree; item 2: 1 of 3 (a–a); item 3: 0 of 1.
    expect(percentAgreement([[3, 0], [2, 1], [1, 1]])).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);
  });

  it("matches Wikipedia's Fleiss example: P̄ = 0.378", () => {
    expect(percentAgreement(WIKIPEDIA_FLEISS_TABLE)).toBeCloseTo(0.378, 3);
  });

  it("is 1 when all agree, even with a single category, and null without an item of two ratings", () => {
    expect(percentAgreement([[2, 0], [3, 0]])).toBe(1);
    expect(percentAgreement([])).toBeNull();
    expect(percentAgreement([[1, 0, 0]])).toBeNull();
  });

  it("stays within [0, 1]", () => {
    const items = fc.array(fc.array(fc.constantFrom(...LABELS), { maxLength: 6 }), { maxLength: 20 });
    fc.assert(
      fc.property(items, (data) => {
        const share = percentAgreement(tally(data, LABELS));
        return share === null ? data.every((ratings) => ratings.length < 2) : share >= 0 && share <= 1;
      }),
    );
  });
});
