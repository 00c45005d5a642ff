import { describe, expect, it } from "vitest";
import { detectLabelFormat, utf8Bytes } from "./label-file";

describe("detectLabelFormat", () => {
  it("trusts a telling extension", () => {
    expect(detectLabelFormat('{"sha256":"…"}', "labels.csv")).toBe("CSV");
    expect(detectLabelFormat("sha256,label", "export.JSONL")).toBe("JSONL");
    expect(detectLabelFormat("", "a.ndjson")).toBe("JSONL");
  });

  it("looks at the text otherwise", () => {
    expect(detectLabelFormat('\n  {"sha256":"ab","label":"FACE"}\n', "pasted.txt")).toBe("JSONL");
    expect(detectLabelFormat("frame_id,sha256,label\r\n", null)).toBe("CSV");
    expect(detectLabelFormat("")).toBe("CSV");
  });
});

describe("utf8Bytes", () => {
  it("counts bytes as they travel, not characters", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("顔")).toBe(3);
  });
});
