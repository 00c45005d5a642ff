import { describe, expect, it } from "vitest";
import { agreementBand, formatCoefficient, formatRate, formatShare, percentOf } from "./agreement";

describe("agreement words", () => {
  it("follows Landis and Koch's bands", () => {
    expect(agreementBand(-0.3).words).toBe("poor");
    expect(agreementBand(0).words).toBe("slight");
    expect(agreementBand(0.2).words).toBe("slight");
    expect(agreementBand(0.21).words).toBe("fair");
    expect(agreementBand(0.4).words).toBe("fair");
    expect(agreementBand(0.55).words).toBe("moderate");
    expect(agreementBand(0.8).words).toBe("substantial");
    expect(agreementBand(0.81).words).toBe("almost perfect");
    expect(agreementBand(1).words).toBe("almost perfect");
  });

  it("says so when there is not enough data", () => {
    expect(agreementBand(null).words).toBe("not enough data");
    expect(agreementBand(Number.NaN).words).toBe("not enough data");
    expect(formatCoefficient(null)).toBe("—");
    expect(formatShare(undefined)).toBe("—");
    expect(formatRate(null)).toBe("—");
  });

  it("formats figures for people", () => {
    expect(formatCoefficient(0.4667)).toBe("0.47");
    expect(formatCoefficient(-0.125)).toBe("−0.13");
    expect(formatCoefficient(-0.001)).toBe("0.00");
    expect(formatShare(0.875)).toBe("88%");
    expect(formatRate(1234.4)).toBe("1,234/h");
    expect(percentOf(3, 4)).toBe(75);
    expect(percentOf(3, 0)).toBe(0);
    expect(percentOf(9, 4)).toBe(100);
  });
});
