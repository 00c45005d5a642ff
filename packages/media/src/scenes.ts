import { hammingDistance } from "./dhash.ts";

/**
 * Most dHash bits (of 64) two consecutive samples may differ in and still count as one scene.
 * MEASURED_BELOW
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
