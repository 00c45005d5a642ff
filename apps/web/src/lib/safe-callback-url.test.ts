import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths", () => {
    expect(safeCallbackUrl("/datasets/abc?x=1")).toBe("/datasets/abc?x=1");
  });

  it("refuses other origins and loops back to sign-in", () => {
    for (const value of ["https://evil.test/", "//evil.test", "/\\evil.test", "/signin?x", "", null, undefined]) {
      expect(safeCallbackUrl(value)).toBe("/datasets");
    }
  });
});
