import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { MediaError } from "./media-error.ts";
import { readZipImages, type ZipEntryError, type ZipImage } from "./read-zip-images.ts";
import { makeTempDir } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  temp = await makeTempDir();
  const picture = sharp({ create: { width: 16, height: 16, channels: 3, background: "#4080c0" } });
  [png, jpeg] = await Promise.all([picture.clone().png().toBuffer(), picture.clone().jpeg().toBuffer()]);
});
afterAll(() => temp.remove());

type Entry = { name: string; data?: Buffer; directory?: boolean; store?: boolean };

/**
 * Writes a zip with yazl. yazl refuses unsafe names (as it should), so such entries are written under
 * a placeholder of the same length and the bytes are patched afterwards, in the local and central headers.
 */
async function writeZip(options: { file: string; entries: readonly Entry[]; rename?: Readonly<Record<string, string>> }): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const entry of options.entries) {
    if (entry.directory === true) zip.addEmptyDirectory(entry.name);
    else zip.addBuffer(entry.data ?? Buffer.alloc(0), entry.name, { compress: entry.store !== true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const [placeholder, name] of Object.entries(options.rename ?? {})) {
    const from = Buffer.from(placeholder, "utf8");
    const to = Buffer.from(name, "utf8");
    assert(from.length === to.length, `placeholder ${placeholder} must be as long as ${name}`);
    bytes = replaceAll(bytes, from, to);
  }
  await writeFile(options.file, bytes);
  return options.file;
}

function replaceAll(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + from.length)) to.copy(out, at);
  return out;
}

/** Makes the central directory claim `size` uncompressed bytes for `name` (a zip bomb's lie). */
function lieAboutSize(bytes: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf("PK\x01\x02", 0, "latin1"); at !== -1; at = out.indexOf("PK\x01\x02", at + 4, "latin1")) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) === name) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

async function collect(options: Parameters<typeof readZipImages>[0]): Promise<(ZipImage | ZipEntryError)[]> {
  const all: (ZipImage | ZipEntryError)[] = [];
  for await (const item of readZipImages(options)) all.push(item);
  return all;
}

const summary = (items: readonly (ZipImage | ZipEntryError)[]): string[] =>
  items.map((item) => ("error" in item ? `${item.name}: ${item.error.code}` : `${item.name}: ${item.data.length} bytes`));

describe("readZipImages", () => {
  it("yields images, and per-entry errors for unsafe names, other types and oversize entries", async () => {
    const outside = path.join(temp.dir, "evil.png");
    const zipDir = path.join(temp.dir, "uploads");
    await mkdir(zipDir);
    const file = await writeZip({
      file: path.join(zipDir, "frames.zip"),
      entries: [
        { name: "frames/", directory: true },
        { name: "frames/a.png", data: png },
        { name: "frames/b.JPG", data: jpeg, store: true },
        { name: "xx/evil.png", data: png }, // → ../evil.png
        { name: "Xabs.png", data: png }, // → /abs.png
        { name: "xx_win.png", data: png }, // → ..\win.png
        { name: "C_/drive.png", data: png }, // → C:/drive.png
        { name: "nulXbyte.png", data: png }, // → nul\0byte.png
        { name: "notes.txt", data: Buffer.from("hello") },
        { name: "fake.png", data: Buffer.from("not really a png") },
        { name: "big.png", data: Buffer.alloc(5_000_000) }, // compresses to a few kB
        { name: "__MACOSX/frames/._a.png", data: Buffer.from("resource fork") },
        { name: "frames/.DS_Store", data: Buffer.from("finder") },
        { name: "c.webp", data: await sharp(png).webp().toBuffer() },
      ],
      rename: { "xx/evil.png": "../evil.png", "Xabs.png": "/abs.png", "xx_win.png": "..\\win.png", "C_/drive.png": "C:/drive.png", "nulXbyte.png": "nul\0byte.png" },
    });
    const items = await collect({ path: file, maxEntryBytes: 1_000_000 });
    expect(summary(items)).toEqual([
      `frames/a.png: ${png.length} bytes`,
      `frames/b.JPG: ${jpeg.length} bytes`,
      "../evil.png: UNSAFE_PATH",
      "/abs.png: UNSAFE_PATH",
      "..\\win.png: UNSAFE_PATH",
      "C:/drive.png: UNSAFE_PATH",
      "nul\\x00byte.png: UNSAFE_PATH", // escaped: fit for logs and Postgres text
      "notes.txt: UNSUPPORTED_TYPE",
      "fake.png: UNSUPPORTED_TYPE",
      "big.png: TOO_LARGE",
      expect.stringMatching(/^c\.webp: \d+ bytes$/),
    ]);
    const image = items[0];
    expect(image !== undefined && "data" in image && image.data.equals(png)).toBe(true);
    const messages = items.flatMap((item) => ("error" in item ? [item.error.message] : []));
    expect(messages).toContain("../evil.png: unsafe name in archive: it contains a '..' segment; skipped");
    expect(messages).toContain("big.png: the entry declares 5.0 MB; the limit is 1.0 MB per file; skipped");
    expect(messages).toContain("fake.png: the content is not a JPEG, PNG or WebP image; the file is mislabelled or damaged");
    // nothing is ever extracted, least of all next to the archive's folder
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(path.join(zipDir, "abs.png"))).toBe(false);
  });

  it("enforces the entry limit on inflated bytes when the archive lies about the size", async () => {
    const honest = await writeZip({ file: path.join(temp.dir, "honest.zip"), entries: [{ name: "bomb.png", data: Buffer.alloc(50_000_000) }] });
    const liar = path.join(temp.dir, "liar.zip");
    await writeFile(liar, lieAboutSize(await readFile(honest), "bomb.png", 1000));
    const rssBefore = process.memoryUsage().rss;
    const items = await collect({ path: liar, maxEntryBytes: 1_000_000 });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40e6); // 50 MB were never inflated into memory
    expect(summary(items)).toEqual(["bomb.png: CORRUPT"]);
    expect((items[0] as ZipEntryError).error.message).toMatch(/inflates to more bytes than its header declares \(a zip bomb\?\)/);
  });

  it("stops at the total and entry-count limits for the whole archive", async () => {
    const file = await writeZip({
      file: path.join(temp.dir, "many.zip"),
      entries: [
        { name: "1.png", data: png },
        { name: "2.png", data: png },
        { name: "3.png", data: png },
      ],
    });
    await expect(collect({ path: file, maxEntries: 2 })).rejects.toMatchObject({ code: "TOO_LARGE", message: "many.zip: the archive has 3 entries; the limit is 2" });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of readZipImages({ path: file, maxTotalBytes: png.length * 2 + 10 })) seen.push(item.name);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["1.png", "2.png"]);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: "TOO_LARGE" });
  });

  it("throws CORRUPT for a file that is not a zip, or a truncated one", async () => {
    const garbage = path.join(temp.dir, "garbage.zip");
    await writeFile(garbage, Buffer.from("PK\x03\x04 and then nothing that makes sense ".repeat(50), "latin1"));
    await expect(collect({ path: garbage })).rejects.toMatchObject({ code: "CORRUPT", message: expect.stringMatching(/^garbage\.zip: not a readable zip archive/) });
    const whole = await writeZip({ file: path.join(temp.dir, "whole.zip"), entries: [{ name: "a.png", data: png }, { name: "b.png", data: png }] });
    const bytes = await readFile(whole);
    const truncated = path.join(temp.dir, "truncated.zip");
    await writeFile(truncated, bytes.subarray(0, bytes.length - 30));
    await expect(collect({ path: truncated })).rejects.toMatchObject({ code: "CORRUPT" });
  });

  it.runIf(process.platform === "linux")("closes the archive when the consumer stops early", async () => {
    const file = await writeZip({ file: path.join(temp.dir, "early.zip"), entries: [{ name: "1.png", data: png }, { name: "2.png", data: png }] });
    const openFiles = async (): Promise<number> => (await readdir("/proc/self/fd")).length;
    const before = await openFiles();
    for await (const item of readZipImages({ path: file })) {
      expect(item.name).toBe("1.png");
      expect(await openFiles()).toBe(before + 1); // the archive is open while we iterate
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // yauzl closes the fd asynchronously
    expect(await openFiles()).toBe(before);
  });
});
