import sharp from "sharp";

/** How a backbone wants its pixels: value = (pixel × scale − mean[c]) / std[c], channels in `channelOrder`. */
export interface Preprocessing {
  width: number;
  height: number;
  channelOrder: "RGB" | "BGR";
  /** Applied to 0…255 pixel values first (1 for Caffe models, 1/127.5 for Keras Inception). */
  scale: number;
  /** Per channel, in the model's channel order; empty = 0. */
  mean: readonly number[];
  /** Per channel, in the model's channel order; empty = 1. */
  std: readonly number[];
}

/** Larger images are refused before decoding (the same limit as imports). */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Decodes an image and turns it into one model input, 3 × height × width (CHW), float32.
 *
 * The whole frame is squashed to the input size rather than centre-cropped: a face at the edge of a
 * 16:9 anime frame still counts under the face rules, and a crop would cut it away.
 */
export async function preprocessImage(image: Buffer | string, preprocessing: Preprocessing): Promise<Float32Array> {
  const { width, height } = preprocessing;
  // 100 megapixels like imports: sharp's own default (~268 Mpx) would let one uploaded image to /predict
  // take most of a gigabyte to decode.
  const { data, info } = await sharp(image, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS })
    .removeAlpha()
    .toColourspace("srgb")
    .resize(width, height, { fit: "fill", kernel: "cubic" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 colour channels after decoding, got ${info.channels}`);
  return pixelsToTensor(data, preprocessing);
}

/** Interleaved RGB bytes (height × width × 3) → planar float32 (3 × height × width) in the model's channel order. */
export function pixelsToTensor(rgb: Uint8Array, preprocessing: Preprocessing): Float32Array {
  const { width, height, scale, channelOrder } = preprocessing;
  const area = width * height;
  if (rgb.length !== area * 3) throw new RangeError(`expected ${area * 3} bytes for ${width}×${height} RGB, got ${rgb.length}`);
  const tensor = new Float32Array(3 * area); // 3 × height × width
  for (let c = 0; c < 3; c++) {
    // Output plane c takes source channel c (RGB) or 2 − c (BGR).
    const source = channelOrder === "BGR" ? 2 - c : c;
    const mean = preprocessing.mean[c] ?? 0;
    const std = preprocessing.std[c] ?? 1;
    if (std === 0) throw new RangeError(`std of channel ${c} is 0`);
    const plane = c * area;
    for (let i = 0; i < area; i++) tensor[plane + i] = ((rgb[i * 3 + source] as number) * scale - mean) / std;
  }
  return tensor;
}
