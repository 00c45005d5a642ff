/** The feature-vector leakage report as the split version page reads it (see `FeatureLeakageReport` in the API schema). */
import type { AssignedSplit, LeakageFrame } from "@/components/splits/split-data";

export interface FeatureLeakageData {
  threshold: number;
  frames: number;
  framesWithoutVector: number;
  crossSplitPairs: number;
  backbone: { id: string; name: string };
  pairs: { a: AssignedSplit; b: AssignedSplit; pairs: number }[];
  examples: { a: LeakageFrame; b: LeakageFrame; splitA: AssignedSplit; splitB: AssignedSplit; similarity: number }[];
}

/** A backbone to compare by, with how many of the dataset's frames have its vectors. */
export interface BackboneChoice {
  id: string;
  name: string;
  dims: number;
  featureCoverage: { vectors: number; frames: number };
}

const FRAME_FIELDS = "id thumbnailUrl sourceName timestampMs title { id name } video { fileName episode }";

export const FEATURE_LEAKAGE_FIELDS = `
  threshold frames framesWithoutVector crossSplitPairs
  backbone { id name }
  pairs { a b pairs }
  examples { a { ${FRAME_FIELDS} } b { ${FRAME_FIELDS} } splitA splitB similarity }
`;

/** The API's bounds for `threshold` (cosine similarity). */
export const MIN_SIMILARITY = 0.5;
export const DEFAULT_SIMILARITY = 0.95;
/** What the picker offers; 1 finds frames whose vectors point exactly the same way. */
export const SIMILARITY_CHOICES = [0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 1] as const;

/** The `?similarity=` of the version page; anything unreadable or out of range falls back to the default. */
export function parseSimilarity(value: string | string[] | undefined): number {
  if (typeof value !== "string" || !/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(value)) return DEFAULT_SIMILARITY;
  const threshold = Number(value);
  return threshold >= MIN_SIMILARITY && threshold <= 1 ? threshold : DEFAULT_SIMILARITY;
}

/**
 * The backbone of `?backbone=` when it is one of the choices, else the one with the most vectors in
 * this dataset (null when none has any: nothing to compare yet).
 */
export function chooseBackbone(choices: readonly BackboneChoice[], wanted: string | string[] | undefined): BackboneChoice | null {
  const named = typeof wanted === "string" ? choices.find((choice) => choice.id === wanted) : undefined;
  if (named) return named;
  const best = [...choices].sort((a, b) => b.featureCoverage.vectors - a.featureCoverage.vectors || a.name.localeCompare(b.name))[0];
  return best && best.featureCoverage.vectors > 0 ? best : null;
}

/** `0.95`, `0.995`, `1`: enough digits to tell near-duplicates apart, no more. */
export function formatSimilarity(similarity: number): string {
  if (similarity >= 0.99995) return "1";
  return similarity >= 0.99 ? similarity.toFixed(4).replace(/0+$/, "") : similarity.toFixed(3).replace(/0+$/, "");
}
