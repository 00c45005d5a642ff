import { crc32 } from "node:zlib";
import path from "node:path";
import sharp from "sharp";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { MediaError } from "./media-error.ts";
import { normaliseFrame, pixelSha256 } from "./normalise-frame.ts";
import { ffmpegMake, makeTempDir } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let testsrcPng: Buffer; // one 640×480 testsrc frame
beforeAll(async () => {
  temp = await makeTempDir();
  const file = await ffmpegMake({ args: ["-f", "lavfi", "-i", "testsrc=size=640x480", "-frames:v", "1"], output: path.join(temp.dir, "testsrc.png") });
  testsrcPng = await sharp(file).png().toBuffer();
});
afterAll(() => temp.remove());

const isJpeg = (data: Buffer): boolean => data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;

async function errorOf(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert(error instanceof MediaError, `expected a MediaError, got ${String(error)}`);
  return error;
}

/** A valid PNG whose header declares width × height (the IHDR chunk patched, its CRC fixed), with 1 px of data. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer());
  // signature (8) | IHDR length (4) | "IHDR" (4) | width (4) | height (4) | … | CRC over type + data (13 bytes)
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe("normaliseFrame", () => {
  it("turns a PNG with alpha into JPEGs without alpha, flattened on white", async () => {
    // left half opaque red, right half fully transparent
    const rgba = Buffer.alloc(100 * 50 * 4);
    for (let y = 0; y < 50; y++) for (let x = 0; x < 50; x++) rgba.set([255, 0, 0, 255], (y * 100 + x) * 4);
    const png = await sharp(rgba, { raw: { width: 100, height: 50, channels: 4 } }).png().toBuffer();
    const frame = await normaliseFrame({ input: png });
    expect([frame.width, frame.height]).toEqual([100, 50]);
    for (const jpeg of [frame.image, frame.display, frame.thumbnail]) {
      expect(isJpeg(jpeg)).toBe(true);
      const metadata = await sharp(jpeg).metadata();
      expect(metadata).toMatchObject({ format: "jpeg", channels: 3, hasAlpha: false, space: "srgb" });
    }
    const { data } = await sharp(frame.image).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number): number[] => Array.from(data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3));
    expect(pixel(10, 25)[0]).toBeGreaterThan(240); // red stays red
    expect(pixel(90, 25).every((value) => value > 245)).toBe(true); // transparent became white, not black
  });

  it("applies EXIF orientation 6 (stored landscape, shown portrait)", async () => {
    const stored = await sharp(testsrcPng).resize(200, 100, { fit: "fill" }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const frame = await normaliseFrame({ input: stored });
    expect([frame.width, frame.height]).toEqual([100, 200]);
    expect(await sharp(frame.image).metadata()).toMatchObject({ width: 100, height: 200 });
    expect((await sharp(frame.image).metadata()).orientation).toBeUndefined(); // no EXIF left to rotate it twice
  });

  it("hashes decoded pixels: the same PNG at two compression levels matches, a different picture does not", async () => {
    const fast = await sharp(testsrcPng).png({ compressionLevel: 0 }).toBuffer();
    const small = await sharp(testsrcPng).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
    expect(fast.equals(small)).toBe(false);
    const [a, b] = await Promise.all([normaliseFrame({ input: fast }), normaliseFrame({ input: small })]);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.sha256).toBe(b.sha256);
    expect(a.dhash).toBe(b.dhash);
    // the raw-frame path (video) and the decode path agree on the same pixels
    const { data, info } = await sharp(testsrcPng).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const raw = await normaliseFrame({ input: { rgb: data, width: info.width, height: info.height } });
    expect(raw.sha256).toBe(a.sha256);
    const other = await normaliseFrame({ input: await sharp(testsrcPng).flop().png().toBuffer() });
    expect(other.sha256).not.toBe(a.sha256);
  });

  it("tells apart same bytes in different shapes", () => {
    const black = Buffer.alloc(6 * 4 * 3);
    expect(pixelSha256({ rgb: black, width: 6, height: 4 })).not.toBe(pixelSha256({ rgb: black, width: 4, height: 6 }));
  });

  it("fits display in 1280 × 1280 and thumbnail in 320 × 320, and never enlarges", async () => {
    const big = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#808080" } }).png().toBuffer();
    const frame = await normaliseFrame({ input: big });
    expect(await sharp(frame.image).metadata()).toMatchObject({ width: 2000, height: 1000 });
    expect(await sharp(frame.display).metadata()).toMatchObject({ width: 1280, height: 640 });
    expect(await sharp(frame.thumbnail).metadata()).toMatchObject({ width: 320, height: 160 });
    const small = await normaliseFrame({ input: await sharp(testsrcPng).resize(200, 150).png().toBuffer() });
    expect(await sharp(small.display).metadata()).toMatchObject({ width: 200, height: 150 });
    expect(await sharp(small.thumbnail).metadata()).toMatchObject({ width: 200, height: 150 });
  });

  it("reads greyscale and 16-bit PNGs as 8-bit RGB", async () => {
    const grey = await sharp(testsrcPng).toColourspace("b-w").png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const deep = await sharp(testsrcPng).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe("ushort");
    for (const input of [grey, deep]) {
      const frame = await normaliseFrame({ input });
      expect([frame.width, frame.height]).toEqual([640, 480]);
    }
  });

  it("rejects a truncated JPEG as CORRUPT", async () => {
    const jpeg = await sharp(testsrcPng).jpeg().toBuffer();
    const error = await errorOf(normaliseFrame({ input: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), fileName: "cut.jpg" }));
    expect(error.code).toBe("CORRUPT");
    expect(error.message).toMatch(/^cut\.jpg: the image cannot be decoded/);
  });

  it("rejects a PNG that declares 30000 × 30000 as TOO_MANY_PIXELS without allocating it", async () => {
    const bomb = await pngDeclaring(30_000, 30_000);
    expect(bomb.length).toBeLessThan(100);
    const rssBefore = process.memoryUsage().rss;
    const error = await errorOf(normaliseFrame({ input: bomb, fileName: "bomb.png" }));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200e6); // the image would need 2.7 GB
    expect(error.code).toBe("TOO_MANY_PIXELS");
    expect(error.message).toBe("bomb.png: 30000 × 30000 = 900 Mpx is over the limit of 100 Mpx (a decompression bomb?)");
    // a lower limit applies too
    expect((await errorOf(normaliseFrame({ input: testsrcPng, maxPixels: 1000 }))).code).toBe("TOO_MANY_PIXELS");
    expect((await errorOf(normaliseFrame({ input: { rgb: Buffer.alloc(300), width: 10, height: 10 }, maxPixels: 50 }))).code).toBe("TOO_MANY_PIXELS");
  });

  it("rejects empty input, non-images and raw frames of the wrong length", async () => {
    expect((await errorOf(normaliseFrame({ input: Buffer.alloc(0) }))).code).toBe("EMPTY_FILE");
    expect((await errorOf(normaliseFrame({ input: Buffer.from("hello, not an image"), fileName: "a.png" }))).message).toBe("a.png: not an image format that can be read");
    await expect(normaliseFrame({ input: { rgb: Buffer.alloc(10), width: 2, height: 2 } })).rejects.toThrow(/expected 2 × 2 × 3 = 12/);
  });
});
