// Frame pictures for the in-browser labelling benchmark: 1280×720 JPEGs that differ from one another
// in every block (so the browser decodes each one for real, nothing is shared or trivially
// compressible) and weigh about what a real anime frame's display JPEG weighs.
import sharp from "sharp";
import { seededRandom } from "@kao/ml/random";

export const FRAME_WIDTH = 1280;
export const FRAME_HEIGHT = 720;
const GRAIN_LENGTH = 65_521;


/**
 * Picture `index` as a JPEG (quality 85, like the importer's display size): flat-shaded cells with
 * soft gradients, a few discs and fine grain, the way cel animation looks to a JPEG encoder.
 */
export async function benchFrameJpeg(index: number): Promise<Buffer> {
  const next = seededRandom(0x9e3779b1 ^ (index * 2654435761)).uniform;
  const pixels = Buffer.alloc(FRAME_WIDTH * FRAME_HEIGHT * 3); // height × width × RGB, row-major
  // Grain from a table of prime length, so its pattern never lines up with the 8×8 JPEG blocks (and
  // a random number per sample would make the seeding take minutes).
  const grain = Float32Array.from({ length: GRAIN_LENGTH }, () => (next() - 0.5) * 24);
  const base = [next() * 255, next() * 255, next() * 255];
  const slope = [next() - 0.5, next() - 0.5, next() - 0.5];
  const discs = Array.from({ length: 6 }, () => ({
    x: next() * FRAME_WIDTH,
    y: next() * FRAME_HEIGHT,
    r2: (40 + next() * 200) ** 2,
    colour: [next() * 255, next() * 255, next() * 255],
  }));
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const at = (y * FRAME_WIDTH + x) * 3;
      // Cells of 80 px with their own shade, so neighbouring frames share no blocks.
      const cell = ((x / 80) | 0) * 31 + ((y / 80) | 0) * 17 + index * 7;
      let colour: readonly number[] | null = null;
      for (const disc of discs) {
        const dx = x - disc.x;
        const dy = y - disc.y;
        if (dx * dx + dy * dy < disc.r2) colour = disc.colour;
      }
      for (let c = 0; c < 3; c++) {
        const shade = colour ? (colour[c] ?? 0) : (base[c] ?? 0) + (slope[c] ?? 0) * (x + y) * 0.2 + ((cell * (c + 3)) % 40);
        pixels[at + c] = Math.max(0, Math.min(255, shade + (grain[(at + c) % GRAIN_LENGTH] ?? 0)));
      }
    }
  }
  return sharp(pixels, { raw: { width: FRAME_WIDTH, height: FRAME_HEIGHT, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}
