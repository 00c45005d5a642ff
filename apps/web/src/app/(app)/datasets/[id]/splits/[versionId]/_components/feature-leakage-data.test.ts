import { describe, expect, it } from "vitest";
import { DEFAULT_SIMILARITY, chooseBackbone, formatSimilarity, parseSimilarity, type BackboneChoice } from "./feature-leakage-data";

const backbone = (id: string, vectors: number, name = id): BackboneChoice => ({ id, name, dims: 8, featureCoverage: { vectors, frames: 100 } });

describe("parseSimilarity", () => {
  it("reads thresholds the API accepts and falls back to the default otherwise", () => {
    expect(["0.9", "0.95", "1", "1.0", "0.5", "0.9975"].map(parseSimilarity)).toEqual([0.9, 0.95, 1, 1, 0.5, 0.9975]);
    expect(["0.4", "1.5", "", "abc", "-0.9", "0.95x", "1e0"].map(parseSimilarity)).toEqual(Array(7).fill(DEFAULT_SIMILARITY));
    expect(parseSimilarity(undefined)).toBe(DEFAULT_SIMILARITY);
    expect(parseSimilarity(["0.9", "0.8"])).toBe(DEFAULT_SIMILARITY);
  });
});

describe("chooseBackbone", () => {
  it("takes the backbone in the URL, else the one with the most vectors here, else none", () => {
    const choices = [backbone("a", 10), backbone("b", 90), backbone("c", 0)];
    expect(chooseBackbone(choices, "c")?.id).toBe("c"); // asked for: the API explains it has no vectors
    expect(chooseBackbone(choices, "gone")?.id).toBe("b");
    expect(chooseBackbone(choices, undefined)?.id).toBe("b");
    expect(chooseBackbone([backbone("x", 0), backbone("y", 0)], undefined)).toBeNull();
    expect(chooseBackbone([backbone("z", 5, "Zeta"), backbone("m", 5, "Mobile")], undefined)?.id).toBe("m");
  });
});

describe("formatSimilarity", () => {
  it("shows near-duplicates with the digits that tell them apart", () => {
    expect([1, 0.99999, 0.99504, 0.9, 0.8944].map(formatSimilarity)).toEqual(["1", "1", "0.995", "0.9", "0.894"]);
  });
});
