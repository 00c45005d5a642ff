import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { hasUnstorableText } from "./refuse-unstorable-text.ts";

describe("hasUnstorableText", () => {
  const plain = parse('mutation($n: String!) { createDataset(input: { name: "a" }) { __typename } }');

  it("finds NUL in a string literal of the document, escaped or raw", () => {
    expect(hasUnstorableText(parse('{ dataset(id: "a\\u0000") { id } }'), undefined)).toBe(true);
    expect(hasUnstorableText(parse('{ dataset(id: """a\u0000""") { id } }'), undefined)).toBe(true);
    expect(hasUnstorableText(plain, undefined)).toBe(false);
  });

  it("finds NUL in any string or key of the variables, however nested", () => {
    expect(hasUnstorableText(plain, { n: "ok\u0000" })).toBe(true);
    expect(hasUnstorableText(plain, { input: { list: [1, null, ["x", "\u0000"]] } })).toBe(true);
    expect(hasUnstorableText(plain, { "k\u0000": 1 })).toBe(true);
    expect(hasUnstorableText(plain, { n: "ok", m: [1, true, null, { a: "b" }] })).toBe(false);
  });

  it("finds a lone UTF-16 surrogate anywhere, but accepts well-formed pairs (emoji) and other Unicode", () => {
    expect(hasUnstorableText(plain, { n: "\ud800" })).toBe(true);
    expect(hasUnstorableText(plain, { n: "a\udfffb" })).toBe(true);
    expect(hasUnstorableText(plain, { n: "\ude00\ud83d" })).toBe(true); // a pair in the wrong order
    expect(hasUnstorableText(plain, { ["\udbff"]: "x" })).toBe(true);
    // In the document itself graphql-js's parser already refuses them, escaped or raw.
    expect(() => parse('{ dataset(id: "\\ud800") { id } }')).toThrow(/Invalid Unicode escape/);
    expect(() => parse('{ dataset(id: "\ud800") { id } }')).toThrow(/Invalid character/);
    expect(hasUnstorableText(plain, { n: "顔 😀 \ud83d\ude00 é" })).toBe(false);
    expect(hasUnstorableText(parse('{ dataset(id: "\\ud83d\\ude00") { id } }'), undefined)).toBe(false);
  });

  it("walks variables nested 300,000 levels deep, and arrays of a million items, without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 300_000; i++) deep = [deep];
    expect(hasUnstorableText(plain, { deep })).toBe(true);
    expect(hasUnstorableText(plain, { wide: Array.from({ length: 1_000_000 }, () => "x") })).toBe(false);
  });
});
