import { describe, expect, it } from "vitest";
import { appendFrames, frameFiltersQuery, hasFilters, parseFrameFilters } from "./frames";

const TITLE = "0b6b0f5e-6a53-4d7e-9a53-2f4a0e7f0c11";

describe("frame filters in the URL", () => {
  it("reads known values and ignores the rest", () => {
    expect(parseFrameFilters({ title: TITLE, split: "TRAIN", state: "DONE" })).toEqual({ titleId: TITLE, split: "TRAIN", labelState: "DONE" });
    expect(parseFrameFilters({ title: "x'; drop", split: "train", state: ["DONE", "UNLABELLED"] })).toEqual({ titleId: null, split: null, labelState: null });
  });

  it("round-trips without empty parameters", () => {
    const filters = { titleId: TITLE, split: null, labelState: "UNLABELLED" as const };
    expect(frameFiltersQuery(filters)).toBe(`title=${TITLE}&state=UNLABELLED`);
    expect(parseFrameFilters(Object.fromEntries(new URLSearchParams(frameFiltersQuery(filters))))).toEqual(filters);
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters({ titleId: null, split: null, labelState: null })).toBe(false);
    expect(frameFiltersQuery({ titleId: null, split: null, labelState: null })).toBe("");
  });
});

describe("appendFrames", () => {
  it("adds a page without repeating frames", () => {
    expect(appendFrames([{ id: "a" }, { id: "b" }], [{ id: "b" }, { id: "c" }]).map((frame) => frame.id)).toEqual(["a", "b", "c"]);
  });
});
