// Cosine similarity between sets of feature rows: near-duplicate frames by their CNN features.
export { findSimilarPairs, SIMILARITY_TOLERANCE, type SimilarPairs } from "./find-similar-pairs.ts";
export { normaliseRows } from "./normalise-rows.ts";
export type { SimilarPair } from "./top-pairs.ts";
