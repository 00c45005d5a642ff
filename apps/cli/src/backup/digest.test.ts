import { createHash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { Digest } from "./digest.ts";

describe("Digest", () => {
  it("counts bytes and rows (newlines) across chunk boundaries and hashes what passed", async () => {
    const chunks = ["a\tb\n", "c\\nd", "\ne", "f\n\n"];
    const digest = new Digest();
    const passed: Buffer[] = [];
    await pipeline(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), digest, new Writable({ write: (chunk: Buffer, _e, done) => (passed.push(chunk), done()) }));
    const whole = chunks.join("");
    expect(Buffer.concat(passed).toString()).toBe(whole);
    expect(digest.bytes).toBe(whole.length);
    expect(digest.newlines).toBe(4);
    expect(digest.sha256).toBe(createHash("sha256").update(whole).digest("hex"));
  });

  it("refuses to give a sum before the end", () => {
    expect(() => new Digest().sha256).toThrow(/before its stream ended/);
  });
});
