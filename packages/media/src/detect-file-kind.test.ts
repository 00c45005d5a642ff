import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { detectFileKind, FILE_HEAD_BYTES } from "./detect-file-kind.ts";
import { MediaError } from "./media-error.ts";
import { ffmpegMake, makeTempDir } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const videoHeads = new Map<string, Buffer>(); // extension → first bytes of a real file

beforeAll(async () => {
  temp = await makeTempDir();
  const source = ["-f", "lavfi", "-i", "testsrc=duration=0.2:size=64x48:rate=10"];
  const codecs: Record<string, readonly string[]> = {
    mp4: ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
    mov: ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
    mkv: ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
    webm: ["-c:v", "libvpx", "-b:v", "200k"],
    avi: ["-c:v", "mpeg4"],
  };
  await Promise.all(
    Object.entries(codecs).map(async ([extension, codec]) => {
      const file = await ffmpegMake({ args: [...source, ...codec], output: path.join(temp.dir, `clip.${extension}`) });
      videoHeads.set(extension, (await readFile(file)).subarray(0, FILE_HEAD_BYTES));
    }),
  );
});
afterAll(() => temp.remove());

function zipBytes(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from("hello"), "a.txt");
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MediaError) return error.code;
    throw error;
  }
  return undefined;
}

describe("detectFileKind", () => {
  const picture = sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } });

  it("recognises JPEG, PNG and WebP images", async () => {
    expect(detectFileKind({ fileName: "a.jpg", head: await picture.clone().jpeg().toBuffer() })).toBe("image");
    expect(detectFileKind({ fileName: "a.JPEG", head: await picture.clone().jpeg().toBuffer() })).toBe("image");
    expect(detectFileKind({ fileName: "a.png", head: await picture.clone().png().toBuffer() })).toBe("image");
    expect(detectFileKind({ fileName: "a.webp", head: await picture.clone().webp().toBuffer() })).toBe("image");
  });

  it("recognises MP4, MOV, MKV, WebM and AVI made by ffmpeg", () => {
    for (const [extension, head] of videoHeads) {
      expect(detectFileKind({ fileName: `episode.${extension}`, head }), extension).toBe("video");
    }
  });

  it("recognises zip archives", async () => {
    expect(detectFileKind({ fileName: "frames.zip", head: await zipBytes() })).toBe("zip");
  });

  it("accepts a PNG named .jpg and an MKV named .mp4 (same kind; the decoder reads the content)", async () => {
    expect(detectFileKind({ fileName: "still.jpg", head: await picture.clone().png().toBuffer() })).toBe("image");
    expect(detectFileKind({ fileName: "episode.mp4", head: videoHeads.get("mkv") ?? Buffer.alloc(0) })).toBe("video");
  });

  it("rejects an empty file", () => {
    expect(() => detectFileKind({ fileName: "ep1.mp4", head: Buffer.alloc(0) })).toThrow("ep1.mp4: the file is empty (0 bytes)");
    expect(codeOf(() => detectFileKind({ fileName: "ep1.mp4", head: Buffer.alloc(0) }))).toBe("EMPTY_FILE");
  });

  it("rejects a text file renamed .mp4 with a clear message", () => {
    const head = Buffer.from("This is not a video, just some notes.\n");
    expect(codeOf(() => detectFileKind({ fileName: "ep1.mp4", head }))).toBe("UNSUPPORTED_TYPE");
    expect(() => detectFileKind({ fileName: "ep1.mp4", head })).toThrow(/^ep1\.mp4: the content is not an MP4\/MOV, Matroska\/WebM or AVI video/);
  });

  it("rejects content of another kind than the name says", async () => {
    const png = await picture.clone().png().toBuffer();
    expect(() => detectFileKind({ fileName: "ep1.mp4", head: png })).toThrow(/name says video \(\.mp4\) but the content is PNG \(image\)/);
    expect(codeOf(() => detectFileKind({ fileName: "frame.png", head: videoHeads.get("mp4") ?? Buffer.alloc(0) }))).toBe("UNSUPPORTED_TYPE");
  });

  it("rejects unknown extensions and unknown content", async () => {
    expect(() => detectFileKind({ fileName: "notes.txt", head: Buffer.from("hello") })).toThrow(/\.txt files cannot be imported \(supported: mp4, mkv/);
    expect(codeOf(() => detectFileKind({ fileName: "README", head: Buffer.from("hello") }))).toBe("UNSUPPORTED_TYPE");
    expect(codeOf(() => detectFileKind({ fileName: "frame.png", head: Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) }))).toBe("UNSUPPORTED_TYPE");
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
    expect(() => detectFileKind({ fileName: "anim.png", head: gif })).toThrow(/GIF files are not supported/);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1")]);
    expect(() => detectFileKind({ fileName: "photo.mp4", head: heic })).toThrow(/HEIF\/AVIF image \(brand heic\) files are not supported/);
  });

  it("copes with heads shorter than any signature", () => {
    expect(codeOf(() => detectFileKind({ fileName: "x.mp4", head: Buffer.from([0xff]) }))).toBe("UNSUPPORTED_TYPE");
  });
});
