import { hammingDistance } from "./dhash.ts";

/**
 * Most dHash bits (of 64) two consecutive samples may differ in and still count as one scene.
 *
 * Measured on generated 320×240 H.264 video sampled at 1 fps (scenes.test.ts, dhash.test.ts):
 * - within a shot: testsrc (moving bar and counter on a fixed layout) 3–4 bits between consecutive
 *   samples; testsrc2 0–3; SMPTE bars 0–1; the same picture shifted 1 px, re-encoded as JPEG q70 or
 *   brightened by 2 levels: 0;
 * - between unrelated pictures (testsrc, testsrc2, SMPTE bars, mandelbrot, a flat colour): 16–52;
 * - fast motion sits in between (mandelbrot zoom 12–17, cellular automata 11–31), and splits.
 * 10 leaves room above the static shots and well below a cut. Flat pictures all hash to 0, so a cut
 * from one flat colour to another (red → blue card, fade to black → white flash) is not a new scene.
 */
export const SCENE_HASH_THRESHOLD = 10;

/** Whether `next` continues the scene of `previous` (null: there is none, so a new scene starts). */
export function isSameScene(previous: bigint | null, next: bigint, threshold = SCENE_HASH_THRESHOLD): boolean {
  return previous !== null && hammingDistance(previous, next) <= threshold;
}

/** Scene number (0, 1, 2…) of each hash in order, a new scene starting wherever isSameScene says no. */
export function groupScenes(options: { hashes: readonly bigint[]; threshold?: number }): number[] {
  const { hashes, threshold = SCENE_HASH_THRESHOLD } = options;
  const scenes: number[] = [];
  let scene = -1;
  let previous: bigint | null = null;
  for (const hash of hashes) {
    if (!isSameScene(previous, hash, threshold)) scene += 1;
    scenes.push(scene);
    previous = hash;
  }
  return scenes;
}
