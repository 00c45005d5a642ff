import { describe, expect, it } from "vitest";
import { formatBytes, formatTimeRange, formatTimestamp, plural } from "./format";

describe("formatTimestamp", () => {
  it("shows minutes and seconds like a player", () => {
    expect(formatTimestamp(0)).toBe("0:00");
    expect(formatTimestamp(999)).toBe("0:00.9");
    expect(formatTimestamp(5000)).toBe("0:05");
    expect(formatTimestamp(65_000)).toBe("1:05");
    expect(formatTimestamp(600_000)).toBe("10:00");
  });

  it("adds hours past an hour and tenths off the whole second", () => {
    expect(formatTimestamp(3_600_000)).toBe("1:00:00");
    expect(formatTimestamp(3_723_000)).toBe("1:02:03");
    expect(formatTimestamp(1500)).toBe("0:01.5");
    expect(formatTimestamp(1050)).toBe("0:01");
  });

  it("treats nonsense as the start", () => {
    expect(formatTimestamp(-5)).toBe("0:00");
    expect(formatTimestamp(Number.NaN)).toBe("0:00");
  });
});

describe("formatTimeRange", () => {
  it("joins start and end, and collapses a single instant", () => {
    expect(formatTimeRange(0, 2000)).toBe("0:00–0:02");
    expect(formatTimeRange(3000, 3000)).toBe("0:03");
    expect(formatTimeRange(5000, 1000)).toBe("0:01–0:05");
  });
});

describe("formatBytes", () => {
  it("uses the customary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(200 * 1024 * 1024)).toBe("200 MB");
    expect(formatBytes(3.25 * 1024 ** 3)).toBe("3.3 GB");
  });
});

describe("plural", () => {
  it("counts", () => {
    expect(plural(1, "frame")).toBe("1 frame");
    expect(plural(1200, "frame")).toBe("1,200 frames");
    expect(plural(2, "duplicate")).toBe("2 duplicates");
  });
});
