import { createHash } from "node:crypto";
import sharp from "sharp";
import { differenceHash } from "./dhash.ts";
import { MediaError } from "./media-error.ts";

export type NormalisedFrame = {
  image: Buffer; // JPEG q90, full size, upright (EXIF orientation applied), sRGB, no alpha
  display: Buffer; // JPEG q85, fits 1280 × 1280 (never enlarged)
  thumbnail: Buffer; // JPEG q80, fits 320 × 320 (never enlarged)
  width: number; // of `image`, after orientation
  height: number;
  sha256: string; // hex; of the decoded pixels (see pixelSha256), so lossless re-encodes match
  dhash: bigint; // 64-bit difference hash, signed (Postgres BIGINT)
};

export type RawFrame = { rgb: Buffer /* height × width × 3, row-major */; width: number; height: number };

export const DEFAULT_MAX_PIXELS = 100e6;

/**
 * Turns an encoded image (JPEG, PNG, WebP…) or a raw RGB frame (from sampleVideo) into the JPEGs
 * and hashes a dataset stores.
 *
 * The input is decoded once, to raw sRGB pixels; every output is derived from that buffer (sharp
 * reads raw input without decoding, and the three encodes and the hash run in parallel on libvips'
 * threads). Raw frames skip decoding altogether, which is the hot path when importing video.
 */
export async function normaliseFrame(options: {
  input: Buffer | RawFrame;
  maxPixels?: number; // decoded width × height above this → TOO_MANY_PIXELS, checked from the header before decoding
  fileName?: string; // for error messages
}): Promise<NormalisedFrame> {
  const { input, fileName } = options;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const pixels = Buffer.isBuffer(input) ? await decodeImage({ data: input, maxPixels, fileName }) : checkRawFrame({ frame: input, maxPixels, fileName });
  const { rgb, width, height } = pixels;
  const raw = { width, height, channels: 3 } as const;
  const fromPixels = () => sharp(rgb, { raw, limitInputPixels: false });
  const [image, display, thumbnail, dhash] = await Promise.all([
    fromPixels().jpeg({ quality: 90 }).toBuffer(),
    fromPixels().resize(1280, 1280, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer(),
    fromPixels().resize(320, 320, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer(),
    differenceHash(pixels),
  ]);
  return { image, display, thumbnail, width, height, sha256: pixelSha256(pixels), dhash };
}

/**
 * sha256 of "width×height\n" followed by the RGB bytes. The size is part of the digest because the
 * bytes alone do not tell a 1920×1080 black frame from a 1080×1920 one.
 */
export function pixelSha256(frame: RawFrame): string {
  return createHash("sha256").update(`${frame.width}×${frame.height}\n`).update(frame.rgb).digest("hex");
}

function checkRawFrame(options: { frame: RawFrame; maxPixels: number; fileName: string | undefined }): RawFrame {
  const { frame, maxPixels, fileName } = options;
  const { rgb, width, height } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`raw frame size must be positive integers, got ${width} × ${height}`);
  }
  if (width * height > maxPixels) {
    throw new MediaError("TOO_MANY_PIXELS", `${width} × ${height} is over the limit of ${formatPixels(maxPixels)}`, { fileName });
  }
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`raw frame has ${rgb.length} bytes, expected ${width} × ${height} × 3 = ${width * height * 3}`);
  }
  return frame;
}

async function decodeImage(options: { data: Buffer; maxPixels: number; fileName: string | undefined }): Promise<RawFrame> {
  const { data, maxPixels, fileName } = options;
  if (data.length === 0) throw new MediaError("EMPTY_FILE", "the image is empty (0 bytes)", { fileName });
  try {
    // failOn "truncated": a JPEG cut short fails instead of coming out with a grey lower half.
    // limitInputPixels is checked against the header, so a "bomb" fails before any pixel is allocated.
    const { data: rgb, info } = await sharp(data, { failOn: "truncated", limitInputPixels: maxPixels })
      .autoOrient()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb") // converts with an embedded ICC profile (CMYK, Adobe RGB) and makes grey 3-channel
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || rgb.length !== info.width * info.height * 3) {
      throw new MediaError("CORRUPT", `decoded to ${info.channels} channels of ${rgb.length} bytes, expected RGB`, { fileName });
    }
    return { rgb, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof MediaError) throw error;
    throw await sharpFailure({ error, data, maxPixels, fileName });
  }
}

async function sharpFailure(options: { error: unknown; data: Buffer; maxPixels: number; fileName: string | undefined }): Promise<MediaError> {
  const { error, data, maxPixels, fileName } = options;
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    const size = await sharp(data, { limitInputPixels: false })
      .metadata()
      .then((metadata) => `${metadata.width} × ${metadata.height} = ${formatPixels(metadata.width * metadata.height)}`)
      .catch(() => "the declared size");
    return new MediaError("TOO_MANY_PIXELS", `${size} is over the limit of ${formatPixels(maxPixels)} (a decompression bomb?)`, { fileName, cause: error });
  }
  if (/unsupported image format/i.test(message)) {
    return new MediaError("UNSUPPORTED_TYPE", "not an image format that can be read", { fileName, cause: error });
  }
  return new MediaError("CORRUPT", `the image cannot be decoded (${message.split("\n")[0] ?? message})`, { fileName, cause: error });
}

function formatPixels(pixels: number): string {
  return `${(pixels / 1e6).toLocaleString("en", { maximumFractionDigits: 1 })} Mpx`;
}
