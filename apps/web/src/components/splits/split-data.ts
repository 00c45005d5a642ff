/** Split versions as the web app reads them (see `SplitVersion`, `SplitCount` and `LeakageReport` in the API schema). */
import type { PersonRef } from "@/lib/labelling/labels";

/** The splits a version assigns frames to, in the order they are shown (training first, held-out titles last). */
export const ASSIGNED_SPLITS = ["TRAIN", "VAL", "TEST", "DISTINCT"] as const;
export type AssignedSplit = (typeof ASSIGNED_SPLITS)[number];

export interface SplitCount {
  split: AssignedSplit;
  frames: number;
  face: number;
  noFace: number;
  unlabelled: number;
  faceShare: number | null;
}

export interface SplitVersionSummary {
  id: string;
  name: string;
  seed: number;
  locked: boolean;
  lockedAt: string | null;
  createdAt: string;
  updatedAt: string;
  current: boolean;
  frameCount: number;
  pendingCount: number;
  staleCount: number;
  ratios: { train: number; val: number; test: number };
  createdBy: PersonRef | null;
  splits: SplitCount[];
  exportUrls: { csv: string; jsonl: string; zip: string };
}

export interface TitleSplitCounts {
  title: { id: string; name: string; isDistinct: boolean };
  splits: SplitCount[];
}

export const SPLIT_COUNT_FIELDS = "split frames face noFace unlabelled faceShare";

export const SPLIT_VERSION_SUMMARY_FIELDS = `
  id name seed locked lockedAt createdAt updatedAt current frameCount pendingCount staleCount
  ratios { train val test }
  createdBy { id name email }
  splits { ${SPLIT_COUNT_FIELDS} }
  exportUrls { csv jsonl zip }
`;

export const TITLE_SPLIT_FIELDS = `title { id name isDistinct } splits { ${SPLIT_COUNT_FIELDS} }`;

/** Near-identical frames on two sides of a split. */
export interface LeakageFrame {
  id: string;
  thumbnailUrl: string;
  sourceName: string;
  timestampMs: number | null;
  title: { id: string; name: string };
  video: { fileName: string; episode: string | null } | null;
}

export interface LeakageData {
  maxDistance: number;
  frames: number;
  framesWithoutHash: number;
  crossSplitPairs: number;
  sameScenePairs: number;
  scenesAcrossSplits: number;
  pairs: { a: AssignedSplit; b: AssignedSplit; pairs: number }[];
  examples: { a: LeakageFrame; b: LeakageFrame; splitA: AssignedSplit; splitB: AssignedSplit; distance: number }[];
}

const LEAKAGE_FRAME_FIELDS = "id thumbnailUrl sourceName timestampMs title { id name } video { fileName episode }";

export const LEAKAGE_FIELDS = `
  maxDistance frames framesWithoutHash crossSplitPairs sameScenePairs scenesAcrossSplits
  pairs { a b pairs }
  examples { a { ${LEAKAGE_FRAME_FIELDS} } b { ${LEAKAGE_FRAME_FIELDS} } splitA splitB distance }
`;

/** Bits of the 64-bit dHash two frames may differ in to count as near-duplicates (the API allows 0–16; scenes use 10). */
export const MAX_LEAKAGE_DISTANCE = 16;
export const DEFAULT_LEAKAGE_DISTANCE = 10;

/** The `?distance=` of the version page; anything else falls back to the default rather than failing. */
export function parseLeakageDistance(value: string | string[] | undefined): number {
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return DEFAULT_LEAKAGE_DISTANCE;
  const distance = Number(value);
  return distance <= MAX_LEAKAGE_DISTANCE ? distance : DEFAULT_LEAKAGE_DISTANCE;
}

/** A version's counts in the display order, zeros filled in for splits the API left out. */
export function orderedSplits(splits: readonly SplitCount[]): SplitCount[] {
  return ASSIGNED_SPLITS.map(
    (split) => splits.find((count) => count.split === split) ?? { split, frames: 0, face: 0, noFace: 0, unlabelled: 0, faceShare: null },
  );
}
