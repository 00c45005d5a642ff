import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { hasNulText } from "./refuse-nul-text.ts";

describe("hasNulText", () => {
  const plain = parse('mutation($n: String!) { createDataset(input: { name: "a" }) { __typename } }');

  it("finds NUL in a string literal of the document, escaped or raw", () => {
    expect(hasNulText(parse('{ dataset(id: "a\\u0000") { id } }'), undefined)).toBe(true);
    expect(hasNulText(parse('{ dataset(id: """a\u0000""") { id } }'), undefined)).toBe(true);
    expect(hasNulText(plain, undefined)).toBe(false);
  });

  it("finds NUL in any string or key of the variables, however nested", () => {
    expect(hasNulText(plain, { n: "ok\u0000" })).toBe(true);
    expect(hasNulText(plain, { input: { list: [1, null, ["x", "\u0000"]] } })).toBe(true);
    expect(hasNulText(plain, { "k\u0000": 1 })).toBe(true);
    expect(hasNulText(plain, { n: "ok", m: [1, true, null, { a: "b" }] })).toBe(false);
  });

  it("walks variables nested 300,000 levels deep, and arrays of a million items, without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 300_000; i++) deep = [deep];
    expect(hasNulText(plain, { deep })).toBe(true);
    expect(hasNulText(plain, { wide: Array.from({ length: 1_000_000 }, () => "x") })).toBe(false);
  });
});
