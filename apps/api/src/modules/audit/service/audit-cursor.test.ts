import { describe, expect, it } from "vitest";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor.ts";

describe("audit cursors", () => {
  it("round-trip the time and id", () => {
    const entry = { createdAt: new Date("2026-11-28T15:30:00.123Z"), id: "0b9f4c3e-7c1a-4a57-9d6e-2f0e8a1b2c3d" };
    expect(decodeAuditCursor(encodeAuditCursor(entry), "after")).toEqual(entry);
  });

  it("refuse anything else with the argument's name", () => {
    for (const bad of ["", "bm90IGEgY3Vyc29y", Buffer.from("2026-11-28T15:30:00Z|not-an-id").toString("base64url")]) {
      expect(() => decodeAuditCursor(bad, "before")).toThrow("`before` is not a valid cursor.");
    }
  });
});
