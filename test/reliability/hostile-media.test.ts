import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaError, detectFileKind, normaliseFrame, readZipImages } from "@kao/media";
import { makeZip, pngBomb } from "../support/import.ts";
import { fuzzOptions } from "./support/fuzz.ts";

// What the worker does with every imported file, fed damaged and hostile bytes: the answer is a frame
// or a MediaError with a code (which the import reports per file), never another exception.
let dir: string;
let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kao-hostile-media-"));
  const picture = sharp({ create: { width: 48, height: 32, channels: 3, background: "#3a6" } });
  png = await picture.clone().png().toBuffer();
  jpeg = await picture.clone().jpeg().toBuffer();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of `bytes` with some bytes overwritten, and maybe cut short. */
const damaged = (bytes: () => Buffer) =>
  fc
    .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), fc.option(fc.nat(), { nil: undefined }))
    .map(([changes, cut]) => {
      const copy = Buffer.from(bytes());
      for (const [at, value] of changes) copy[at % copy.length] = value;
      return cut === undefined ? copy : copy.subarray(0, cut % copy.length);
    });

async function outcome(work: () => Promise<unknown>): Promise<"ok" | string> {
  try {
    await work();
    return "ok";
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
}

describe("images", () => {
  it("damaged PNGs and JPEGs, and random bytes, decode or fail with a MediaError code", async () => {
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(damaged(() => png), damaged(() => jpeg), fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes))), async (input) => {
        codes.add(await outcome(() => normaliseFrame({ input, fileName: "fuzz.png" })));
      }),
      fuzzOptions(150),
    );
    // Damage shows: not everything decoded.
    expect([...codes].some((code) => code !== "ok")).toBe(true);
  });

  it.each([
    [50_000, 50_000],
    [200_000, 200_000],
    [65_535, 65_535],
  ])("a PNG declaring %i × %i is TOO_MANY_PIXELS, from its header alone", async (width, height) => {
    const bomb = pngBomb(width, height);
    expect(await outcome(() => normaliseFrame({ input: bomb, fileName: "bomb.png" }))).toBe("TOO_MANY_PIXELS");
  });

  it("a PNG taller than libpng allows (2^31 − 1 rows) is refused as CORRUPT", async () => {
    expect(await outcome(() => normaliseFrame({ input: pngBomb(1, 2 ** 31 - 1), fileName: "tall.png" }))).toBe("CORRUPT");
  });
});

describe("file kinds", () => {
  it("any name and any first bytes give a kind or a MediaError", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), fc.uint8Array({ maxLength: 64 }), (fileName, head) => {
        try {
          expect(["image", "video", "zip"]).toContain(detectFileKind({ fileName, head: Buffer.from(head) }));
        } catch (error) {
          if (!(error instanceof MediaError)) throw error;
        }
      }),
      fuzzOptions(500),
    );
  });
});

describe("zips", () => {
  it("damaged archives yield images and per-entry MediaErrors, or throw a MediaError; nothing else", async () => {
    const zip = makeZip([
      { name: "a.png", data: png },
      { name: "dir/b.jpg", data: jpeg },
      { name: "../evil.png", data: png },
    ]);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(damaged(() => zip), async (bytes) => {
        const file = path.join(dir, `fuzz-${run++}.zip`);
        await writeFile(file, bytes);
        await outcome(async () => {
          for await (const item of readZipImages({ path: file, maxEntryBytes: 1e6, maxTotalBytes: 5e6 })) {
            if ("error" in item) expect(item.error).toBeInstanceOf(MediaError);
            else expect(Buffer.isBuffer(item.data)).toBe(true);
            // An entry that escapes the archive's folder is never handed out as an image.
            if (!("error" in item)) expect(item.name).not.toMatch(/(^|\/)\.\.(\/|$)/);
          }
        });
        await rm(file);
      }),
      fuzzOptions(120),
    );
  });
});
