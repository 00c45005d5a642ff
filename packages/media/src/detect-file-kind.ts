import path from "node:path";
import { MediaError } from "./media-error.ts";

export type FileKind = "image" | "video" | "zip";

/** How many leading bytes `detectFileKind` wants (as much as `file-type` reads; we need far fewer). */
export const FILE_HEAD_BYTES = 4100;

const kindByExtension: Readonly<Record<string, FileKind>> = {
  mp4: "video",
  mkv: "video",
  webm: "video",
  avi: "video",
  mov: "video",
  png: "image",
  jpg: "image",
  jpeg: "image",
  webp: "image",
  zip: "zip",
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(kindByExtension);

type Sniffed = { kind: FileKind; format: string } | { kind: "unsupported"; format: string } | null;

/**
 * What an uploaded file is, from its first bytes (magic numbers), cross-checked with its extension.
 *
 * The extension must be one we import, and the content must be a format of the same kind: a PNG
 * named .jpg is fine (both are images, sharp reads the content), an MKV named .mp4 is fine (ffmpeg
 * reads the content), but a text file named .mp4 or a video named .png is rejected, so that a
 * mislabelled file fails here with a clear message rather than deep inside ffmpeg or sharp.
 */
export function detectFileKind(options: { fileName: string; head: Buffer /* the first FILE_HEAD_BYTES bytes, or the whole file if shorter */ }): FileKind {
  const { fileName, head } = options;
  if (head.length === 0) throw new MediaError("EMPTY_FILE", "the file is empty (0 bytes)", { fileName });

  const extension = path.extname(fileName).slice(1).toLowerCase();
  const expected = kindByExtension[extension];
  if (expected === undefined) {
    const shown = extension === "" ? "a file without an extension" : `.${extension} files`;
    throw new MediaError("UNSUPPORTED_TYPE", `${shown} cannot be imported (supported: ${SUPPORTED_EXTENSIONS.join(", ")})`, { fileName });
  }

  const sniffed = sniff(head);
  if (sniffed === null) {
    throw new MediaError("UNSUPPORTED_TYPE", `the content is not ${describe(expected)}; the file is mislabelled or damaged`, { fileName });
  }
  if (sniffed.kind === "unsupported") {
    throw new MediaError("UNSUPPORTED_TYPE", `${sniffed.format} files are not supported (supported: ${SUPPORTED_EXTENSIONS.join(", ")})`, { fileName });
  }
  if (sniffed.kind !== expected) {
    throw new MediaError("UNSUPPORTED_TYPE", `the name says ${expected} (.${extension}) but the content is ${sniffed.format} (${sniffed.kind}); rename the file`, { fileName });
  }
  return sniffed.kind;
}

function describe(kind: FileKind): string {
  if (kind === "image") return "a JPEG, PNG or WebP image";
  if (kind === "video") return "an MP4/MOV, Matroska/WebM or AVI video";
  return "a zip archive";
}

function ascii(head: Buffer, start: number, end: number): string {
  return head.length >= end ? head.toString("latin1", start, end) : "";
}

function startsWith(head: Buffer, bytes: readonly number[], offset = 0): boolean {
  return head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte);
}

// ISO BMFF brands of still images (HEIF/AVIF) that share the `ftyp` box with MP4 and MOV.
const stillImageBrands = new Set(["heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis"]);
// Top-level boxes an MP4/MOV may start with (old QuickTime files often lack `ftyp`).
const quickTimeFirstBoxes = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot"]);

function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "image", format: "JPEG" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "PNG" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { kind: "image", format: "WebP" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "AVI ") return { kind: "video", format: "AVI" };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: "video", format: "Matroska/WebM" };
  // PK\3\4 starts a zip with entries; PK\5\6 is an empty zip (the end record alone).
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: "zip", format: "zip" };
  const box = ascii(head, 4, 8);
  if (box === "ftyp") {
    const brand = ascii(head, 8, 12).trim();
    if (stillImageBrands.has(brand)) return { kind: "unsupported", format: `HEIF/AVIF image (brand ${brand})` };
    return { kind: "video", format: brand === "qt" ? "QuickTime" : `MP4 (brand ${brand})` };
  }
  if (quickTimeFirstBoxes.has(box) && head.readUInt32BE(0) >= 8) return { kind: "video", format: "QuickTime" };
  if (ascii(head, 0, 3) === "GIF") return { kind: "unsupported", format: "GIF" };
  if (ascii(head, 0, 2) === "BM") return { kind: "unsupported", format: "BMP" };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: "unsupported", format: "TIFF" };
  return null;
}
