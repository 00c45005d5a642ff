import sharp from "sharp";

const HASH_WIDTH = 9; // 9 columns give 8 left-right differences per row
const HASH_HEIGHT = 8;

/**
 * 64-bit difference hash (dHash): the picture shrunk to 9 × 8 greyscale, one bit per horizontal
 * neighbour pair (1 when the left pixel is brighter), rows top to bottom, most significant bit first.
 * Returned as a signed 64-bit integer so that it fits a Postgres BIGINT.
 *
 * It encodes structure, not colour: any flat picture (black, white, pure red or green) hashes to 0.
 */
export async function differenceHash(options: { rgb: Buffer /* height × width × 3 */; width: number; height: number }): Promise<bigint> {
  const { rgb, width, height } = options;
  const grey = await sharp(rgb, { raw: { width, height, channels: 3 }, limitInputPixels: false })
    .resize(HASH_WIDTH, HASH_HEIGHT, { fit: "fill" })
    .greyscale()
    .raw()
    .toBuffer();
  return differenceHashFromGrey(grey);
}

/** The dHash bits of an already shrunk picture: `grey` is 8 × 9 (rows × columns), row-major, one byte per pixel. */
export function differenceHashFromGrey(grey: Uint8Array): bigint {
  if (grey.length !== HASH_WIDTH * HASH_HEIGHT) {
    throw new RangeError(`dHash needs ${HASH_HEIGHT} × ${HASH_WIDTH} = ${HASH_WIDTH * HASH_HEIGHT} grey pixels, got ${grey.length}`);
  }
  let hash = 0n;
  for (let y = 0; y < HASH_HEIGHT; y++) {
    for (let x = 0; x < HASH_WIDTH - 1; x++) {
      const left = grey[y * HASH_WIDTH + x] as number;
      const right = grey[y * HASH_WIDTH + x + 1] as number;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return BigInt.asIntN(64, hash);
}

/** How many of the 64 bits differ between two hashes (signed or unsigned representations alike). */
export function hammingDistance(a: bigint, b: bigint): number {
  let diff = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (diff !== 0n) {
    diff &= diff - 1n; // clears the lowest set bit
    count += 1;
  }
  return count;
}
