import { describe, expect, it } from "vitest";
import { settleFrame } from "./settle-frame.ts";

describe("settleFrame", () => {
  it("keeps a frame open until overlap people labelled it", () => {
    expect(settleFrame([], 1)).toEqual({ status: "OPEN", consensus: null });
    expect(settleFrame(["FACE"], 2)).toEqual({ status: "OPEN", consensus: null });
    expect(settleFrame(["FACE", "UNSURE"], 3)).toEqual({ status: "OPEN", consensus: null });
  });

  it("settles unanimous labels", () => {
    expect(settleFrame(["NO_FACE"], 1)).toEqual({ status: "DONE", consensus: { label: "NO_FACE", method: "UNANIMOUS" } });
    expect(settleFrame(["FACE", "FACE"], 2)).toEqual({ status: "DONE", consensus: { label: "FACE", method: "UNANIMOUS" } });
  });

  it("settles a majority of more than half when nobody was unsure", () => {
    expect(settleFrame(["FACE", "NO_FACE", "FACE"], 3)).toEqual({ status: "DONE", consensus: { label: "FACE", method: "MAJORITY" } });
    expect(settleFrame(["NO_FACE", "NO_FACE", "FACE", "NO_FACE", "FACE"], 5)).toEqual({ status: "DONE", consensus: { label: "NO_FACE", method: "MAJORITY" } });
  });

  it("sends ties and any UNSURE to review", () => {
    expect(settleFrame(["FACE", "NO_FACE"], 2)).toEqual({ status: "REVIEW", consensus: null });
    expect(settleFrame(["FACE", "FACE", "NO_FACE", "NO_FACE"], 4)).toEqual({ status: "REVIEW", consensus: null });
    expect(settleFrame(["UNSURE"], 1)).toEqual({ status: "REVIEW", consensus: null });
    expect(settleFrame(["UNSURE", "UNSURE"], 2)).toEqual({ status: "REVIEW", consensus: null });
    expect(settleFrame(["FACE", "FACE", "UNSURE"], 3)).toEqual({ status: "REVIEW", consensus: null });
  });

  it("settles frames that have more labels than a lowered overlap asks for", () => {
    expect(settleFrame(["FACE", "FACE", "NO_FACE"], 2)).toEqual({ status: "DONE", consensus: { label: "FACE", method: "MAJORITY" } });
  });
});
