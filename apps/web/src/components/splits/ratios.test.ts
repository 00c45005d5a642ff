import { describe, expect, it } from "vitest";
import { DEFAULT_PERCENTS, checkRatioPercents, formatPercent, formatRatios } from "./ratios";

describe("checkRatioPercents", () => {
  it("turns the paper's 48 / 20 / 32 into shares the API accepts", () => {
    const check = checkRatioPercents(DEFAULT_PERCENTS);
    expect(check).toEqual({ ok: true, sum: 100, ratios: { train: 0.48, val: 0.2, test: 0.32 } });
    if (!check.ok) return;
    expect(Math.abs(check.ratios.train + check.ratios.val + check.ratios.test - 1)).toBeLessThan(1e-6);
  });

  it("accepts decimals that add up to 100 despite binary fractions", () => {
    expect(checkRatioPercents({ train: "33.333", val: "33.333", test: "33.334" }).ok).toBe(true);
    expect(checkRatioPercents({ train: "70.1", val: "9.9", test: "20" }).ok).toBe(true);
  });

  it("says what the three add up to when it is not 100", () => {
    const check = checkRatioPercents({ train: "50", val: "20", test: "25" });
    expect(check).toMatchObject({ ok: false, sum: 95 });
    expect(check.ok ? "" : check.message).toBe("The three add up to 95%; they must add up to 100%.");
    expect(checkRatioPercents({ train: "60", val: "20", test: "32" })).toMatchObject({ ok: false, sum: 112 });
  });

  it("names the field that is empty, not a number, or out of range", () => {
    expect(checkRatioPercents({ train: "48", val: "", test: "32" })).toMatchObject({ ok: false, field: "val", sum: null });
    expect(checkRatioPercents({ train: "abc", val: "20", test: "32" })).toMatchObject({ ok: false, field: "train" });
    expect(checkRatioPercents({ train: "120", val: "-20", test: "0" })).toMatchObject({ ok: false, field: "train", message: "Train: a percentage from 0 to 100." });
  });

  it("allows an empty split, as the API does (e.g. no validation set)", () => {
    expect(checkRatioPercents({ train: "70", val: "0", test: "30" })).toMatchObject({ ok: true, ratios: { train: 0.7, val: 0, test: 0.3 } });
  });
});

describe("formatting", () => {
  it("prints percentages with at most one decimal", () => {
    expect(formatPercent(95)).toBe("95%");
    expect(formatPercent(33.333)).toBe("33.3%");
  });

  it("prints a version's ratios as percentages", () => {
    expect(formatRatios({ train: 0.48, val: 0.2, test: 0.32 })).toBe("48 / 20 / 32");
    expect(formatRatios({ train: 0.7, val: 0.1, test: 0.2 })).toBe("70 / 10 / 20");
  });
});
