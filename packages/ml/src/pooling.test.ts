import { describe, expect, it } from "vitest";
import { poolFeatureMap } from "./pooling.ts";

// 2 channels × 2 × 3
const featureMap = Float32Array.from([
  1, -2, 3,
  0, 5, -1,
  -4, -3, -9,
  -8, -7, -5,
]);

describe("poolFeatureMap", () => {
  it("takes each channel's maximum (the paper's pooling)", () => {
    expect(Array.from(poolFeatureMap({ featureMap, channels: 2, height: 2, width: 3, pooling: "MAX" }))).toEqual([5, -3]);
  });

  it("averages each channel", () => {
    const pooled = poolFeatureMap({ featureMap, channels: 2, height: 2, width: 3, pooling: "AVG" });
    expect(pooled[0]).toBeCloseTo(1, 6);
    expect(pooled[1]).toBeCloseTo(-6, 6);
  });

  it("rejects a buffer that does not match the shape", () => {
    expect(() => poolFeatureMap({ featureMap, channels: 3, height: 2, width: 3, pooling: "MAX" })).toThrow(/expected 3 × 2 × 3/);
    expect(() => poolFeatureMap({ featureMap, channels: 0, height: 2, width: 3, pooling: "MAX" })).toThrow(RangeError);
  });
});
