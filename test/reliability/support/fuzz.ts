/**
 * fast-check options for the hostile-input suites. A fixed seed keeps CI reproducible; a deeper hunt:
 * `KAO_FUZZ_SEED=random KAO_FUZZ_RUNS_SCALE=20 npm run test:reliability` (a failure prints its seed
 * and counterexample, and KAO_FUZZ_SEED=<that seed> replays it).
 */
export function fuzzOptions(numRuns: number): { numRuns: number; seed: number } {
  const scale = Number(process.env.KAO_FUZZ_RUNS_SCALE ?? 1);
  const seed = process.env.KAO_FUZZ_SEED;
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
    seed: seed === "random" ? (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0 : Number(seed ?? 20261128),
  };
}
