import { describe, expect, it } from "vitest";
import { computeAgreement } from "./compute-agreement.ts";
import type { AgreementCounts } from "./load-agreement-counts.ts";

// Three labellers, two titles; figures worked out by hand (see the comments).
//        A        B        C
// f1 T1  FACE     FACE     FACE
// f2 T1  FACE     NO_FACE  ·
// f3 T1  NO_FACE  NO_FACE  NO_FACE
// f4 T1  NO_FACE  ·        FACE
// f5 T2  ·        FACE     FACE
// f6 T2  UNSURE   FACE     ·
// f7 T2  FACE     ·        ·         (one label: not in the counts)
// The same table in the shape loadAgreementCounts gives it:
const counts: AgreementCounts = {
  profiles: [
    { titleId: "T1", face: 3, noFace: 0, unsure: 0, frames: 1 }, // f1
    { titleId: "T1", face: 1, noFace: 1, unsure: 0, frames: 2 }, // f2, f4
    { titleId: "T1", face: 0, noFace: 3, unsure: 0, frames: 1 }, // f3
    { titleId: "T2", face: 2, noFace: 0, unsure: 0, frames: 1 }, // f5
    { titleId: "T2", face: 1, noFace: 0, unsure: 1, frames: 1 }, // f6
  ],
  pairs: [
    { aId: "A", bId: "B", aLabel: "FACE", bLabel: "FACE", frames: 1 },
    { aId: "A", bId: "B", aLabel: "FACE", bLabel: "NO_FACE", frames: 1 },
    { aId: "A", bId: "B", aLabel: "NO_FACE", bLabel: "NO_FACE", frames: 1 },
    { aId: "A", bId: "B", aLabel: "UNSURE", bLabel: "FACE", frames: 1 },
    { aId: "A", bId: "C", aLabel: "FACE", bLabel: "FACE", frames: 1 },
    { aId: "A", bId: "C", aLabel: "NO_FACE", bLabel: "NO_FACE", frames: 1 },
    { aId: "A", bId: "C", aLabel: "NO_FACE", bLabel: "FACE", frames: 1 },
    { aId: "B", bId: "C", aLabel: "FACE", bLabel: "FACE", frames: 2 },
    { aId: "B", bId: "C", aLabel: "NO_FACE", bLabel: "NO_FACE", frames: 1 },
  ],
  labellers: [
    { userId: "A", frames: 5 },
    { userId: "B", frames: 5 },
    { userId: "C", frames: 4 },
  ],
};

describe("computeAgreement", () => {
  const summary = computeAgreement(counts);

  it("computes the overall figures on frames with two or more labels", () => {
    expect(summary.frames).toBe(6);
    // P_i = 1, 0, 1, 0, 1, 0.
    expect(summary.percentAgreement).toBeCloseTo(0.5, 12);
    // 14 ratings: FACE 8, NO_FACE 5, UNSURE 1; P_e = 90/196, κ = (98 − 90) / (196 − 90).
    expect(summary.fleissKappa).toBeCloseTo(8 / 106, 12);
    // n = 14, Σ_{c≠k} n_c n_k = 106, disagreement 2 + 2 + 2 (f2, f4, f6): α = 1 − 13 · 6 / 106.
    expect(summary.krippendorffAlpha).toBeCloseTo(28 / 106, 12);
  });

  it("computes the figures per title", () => {
    const byTitle = Object.fromEntries(summary.byTitle.map(({ titleId, ...figures }) => [titleId, figures]));
    // T1: FACE 5, NO_FACE 5 → P_e = 0.5 = P̄, κ = 0; α = 1 − 9 · 4 / 50.
    expect(byTitle["T1"]).toEqual({ frames: 4, percentAgreement: 0.5, fleissKappa: 0, krippendorffAlpha: expect.closeTo(0.28, 12) });
    // T2: FACE 3, UNSURE 1 → P_e = 10/16, κ = (0.5 − 0.625) / 0.375; α = 1 − 3 · 2 / 6.
    expect(byTitle["T2"]).toEqual({ frames: 2, percentAgreement: 0.5, fleissKappa: expect.closeTo(-1 / 3, 12), krippendorffAlpha: expect.closeTo(0, 12) });
  });

  it("computes Cohen's κ for every pair on the frames both labelled", () => {
    const pairs = Object.fromEntries(summary.pairs.map(({ aId, bId, ...figures }) => [`${aId}${bId}`, figures]));
    // A–B: f1 FF, f2 FN, f3 NN, f6 UF. Agreed 2 of 4; expected Σ a_j b_j = 2·2 + 1·2 + 1·0 = 6 of 16.
    expect(pairs["AB"]).toEqual({ frames: 4, percentAgreement: 0.5, cohenKappa: expect.closeTo((8 - 6) / (16 - 6), 12) });
    // A–C: f1 FF, f3 NN, f4 NF. Agreed 2 of 3; expected 1·2 + 2·1 = 4 of 9.
    expect(pairs["AC"]).toEqual({ frames: 3, percentAgreement: 2 / 3, cohenKappa: expect.closeTo((6 - 4) / (9 - 4), 12) });
    // B–C: f1 FF, f3 NN, f5 FF: perfect.
    expect(pairs["BC"]).toEqual({ frames: 3, percentAgreement: 1, cohenKappa: 1 });
    expect(summary.pairs).toHaveLength(3);
  });

  it("compares each labeller with everyone else", () => {
    const people = Object.fromEntries(summary.byLabeller.map(({ userId, ...figures }) => [userId, figures]));
    // A: 7 comparisons (f1 ×2 ✓, f2 ✗, f3 ×2 ✓, f4 ✗, f6 ✗), 4 matches; κ with B 0.2, with C 0.4.
    expect(people["A"]).toEqual({ frames: 5, percentAgreement: 4 / 7, meanCohenKappa: expect.closeTo(0.3, 12) });
    // B: 7 comparisons, 5 matches; κ 0.2 and 1.
    expect(people["B"]).toEqual({ frames: 5, percentAgreement: 5 / 7, meanCohenKappa: expect.closeTo(0.6, 12) });
    // C: 6 comparisons, 5 matches; κ 0.4 and 1.
    expect(people["C"]).toEqual({ frames: 4, percentAgreement: 5 / 6, meanCohenKappa: expect.closeTo(0.7, 12) });
  });

  it("gives zero frames and null figures without counts", () => {
    expect(computeAgreement({ profiles: [], pairs: [], labellers: [] })).toEqual({
      frames: 0,
      percentAgreement: null,
      fleissKappa: null,
      krippendorffAlpha: null,
      byTitle: [],
      pairs: [],
      byLabeller: [],
    });
  });
});
