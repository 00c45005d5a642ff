import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalStorage } from "./local-storage.ts";
import { BlobNotFoundError, BlobTooLargeError, InvalidKeyError } from "./storage.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kao-storage-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("local storage", () => {
  it("writes, reads, lists nothing extra and deletes", async () => {
    const storage = createLocalStorage({ root });
    expect(await storage.put("a/b/c.txt", Readable.from(["hello ", "world"]))).toEqual({ size: 11 });
    const { stream, size } = await storage.read("a/b/c.txt");
    expect(size).toBe(11);
    expect(await text(stream)).toBe("hello world");
    expect(await readdir(path.join(root, "a/b"))).toEqual(["c.txt"]);
    await storage.delete("a/");
    expect(await storage.exists("a/b/c.txt")).toBe(false);
    await expect(storage.read("a/b/c.txt")).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("refuses a blob over the limit and leaves nothing behind", async () => {
    const storage = createLocalStorage({ root });
    await expect(storage.put("big.bin", Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await readdir(root)).toEqual([]);
  });

  it("rejects keys that would leave the root", async () => {
    const storage = createLocalStorage({ root });
    for (const key of ["../x", "/etc/passwd", "a/../../x", "a\\..\\x", "", "a//b", "a/./b", "a\0b"]) {
      await expect(storage.put(key, Buffer.from("x"))).rejects.toBeInstanceOf(InvalidKeyError);
    }
  });
});

describe("local storage with a source that fails", () => {
  it("rejects with the source's error, even one emitted before writing starts, and leaves nothing behind", async () => {
    const storage = createLocalStorage({ root });
    const source = new Readable({ read() {} });
    const put = storage.put("cut/off.bin", source);
    // Emitted while put() is still making the folder: no listener of the pipeline yet.
    source.destroy(new Error("the client went away"));
    await expect(put).rejects.toThrow("the client went away");
    expect(await readdir(path.join(root, "cut"))).toEqual([]);
  });
});
