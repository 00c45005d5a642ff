import { hashString, mulberry32, shuffled } from "./prng.ts";
import { InvalidRatiosError, ratiosProblem, type SplitRatios } from "./ratios.ts";

export type SplitLabel = "FACE" | "NO_FACE";
/** The splits frames of non-distinct titles go to. */
export type HeldInSplit = "TRAIN" | "VAL" | "TEST";
export type AssignedSplit = HeldInSplit | "DISTINCT";
export const HELD_IN_SPLITS: readonly HeldInSplit[] = ["TRAIN", "VAL", "TEST"];
const RATIO_OF: Record<HeldInSplit, keyof SplitRatios> = { TRAIN: "train", VAL: "val", TEST: "test" };

export interface SplitterFrame {
  id: string;
  titleId: string;
  /** null: the frame is a group of its own. */
  sceneId: string | null;
  /** Its consensus label; a scene's stratum is the majority label of its frames. */
  label: SplitLabel;
  /** Its title is held out as the distinct test set. */
  distinct: boolean;
}

export interface PlacedFrame extends Omit<SplitterFrame, "label"> {
  /** null when its consensus was withdrawn (or became UNSURE) after it was placed: it stays, unlabelled. */
  label: SplitLabel | null;
  split: AssignedSplit;
}

export interface SplitFramesOptions {
  frames: readonly SplitterFrame[];
  /** Frames already in the version (when appending): they never move, and new frames of their scenes join them. */
  placed?: readonly PlacedFrame[];
  ratios: SplitRatios;
  seed: number;
}

/** The placed frames disagree with their titles' distinct flags: the version must be split again first. */
export class SplitConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SplitConflictError";
  }
}

interface Group {
  key: string;
  frames: (SplitterFrame | PlacedFrame)[];
}

interface Cell {
  key: string;
  /** Frames already placed in this cell, per split. */
  counts: Record<HeldInSplit, number>;
  groups: Group[];
}

/**
 * Assigns each of `frames` to a split.
 *
 * - Frames of distinct titles go to DISTINCT, and nothing else does.
 * - Other frames move as whole scenes (a frame without a scene is its own group), so near-copies sampled
 *   a second apart never sit on both sides of a split.
 * - Groups are balanced per cell = (title, stratum), the stratum being the group's majority label
 *   (ties count as FACE): every title and both labels are spread over TRAIN / VAL / TEST by the ratios.
 * - Within a cell, groups are shuffled by a PRNG seeded from (seed, title, stratum) and each goes to the
 *   split with the largest deficit `ratio × cell size − frames already there`. Because the chosen split
 *   always has a positive deficit and the deficits sum to what is left, every split ends strictly within
 *   one group (the cell's largest scene) of its target, above or below.
 * - The result depends only on the set of frames and the seed: input order does not matter, and a
 *   title's frames are split the same way whatever other titles hold.
 */
export function splitFrames(options: SplitFramesOptions): Map<string, AssignedSplit> {
  const { ratios, seed } = options;
  const problem = ratiosProblem(ratios);
  if (problem) throw new InvalidRatiosError(problem);
  const placed = [...(options.placed ?? [])].sort(byId);
  const result = new Map<string, AssignedSplit>();
  const cells = new Map<string, Cell>();
  const cellFor = (titleId: string, stratum: SplitLabel) => {
    const key = `${titleId}/${stratum}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { key, counts: { TRAIN: 0, VAL: 0, TEST: 0 }, groups: [] }));
    return cell;
  };

  const placedScenes = new Map<string, AssignedSplit>();
  for (const frame of placed) {
    if ((frame.split === "DISTINCT") !== frame.distinct) {
      throw new SplitConflictError(`Frame ${frame.id} is in ${frame.split} but its title is ${frame.distinct ? "" : "not "}distinct.`);
    }
    if (!placedScenes.has(groupKey(frame))) placedScenes.set(groupKey(frame), frame.split);
  }
  for (const group of groupFrames(placed.filter((frame) => !frame.distinct))) {
    const split = placedScenes.get(group.key);
    if (split && split !== "DISTINCT") cellFor(titleOf(group), stratumOf(group)).counts[split] += group.frames.length;
  }

  const fresh: SplitterFrame[] = [];
  for (const frame of [...options.frames].sort(byId)) {
    const joined = placedScenes.get(groupKey(frame));
    if (frame.distinct) result.set(frame.id, "DISTINCT");
    else if (joined === "DISTINCT") throw new SplitConflictError(`Scene of frame ${frame.id} is in DISTINCT but its title is not distinct.`);
    else if (joined) result.set(frame.id, joined);
    else fresh.push(frame);
  }
  for (const group of groupFrames(fresh)) cellFor(titleOf(group), stratumOf(group)).groups.push(group);

  for (const cell of [...cells.values()].sort((a, b) => compare(a.key, b.key))) {
    const random = mulberry32(hashString(`${seed}/${cell.key}`));
    const size = HELD_IN_SPLITS.reduce((sum, split) => sum + cell.counts[split], 0) + cell.groups.reduce((sum, group) => sum + group.frames.length, 0);
    for (const group of shuffled(cell.groups, random)) {
      const split = largestDeficit(cell.counts, ratios, size);
      cell.counts[split] += group.frames.length;
      for (const frame of group.frames) result.set(frame.id, split);
    }
  }
  return result;
}

function largestDeficit(counts: Record<HeldInSplit, number>, ratios: SplitRatios, size: number): HeldInSplit {
  let best: HeldInSplit = "TRAIN";
  let bestDeficit = -Infinity;
  for (const split of HELD_IN_SPLITS) {
    const deficit = ratios[RATIO_OF[split]] * size - counts[split];
    if (deficit > bestDeficit) [best, bestDeficit] = [split, deficit];
  }
  return best;
}

/** Groups by scene, sorted by key; scenes never span titles (a scene lies in one video, a video in one title). */
function groupFrames(frames: readonly (SplitterFrame | PlacedFrame)[]): Group[] {
  const groups = new Map<string, (SplitterFrame | PlacedFrame)[]>();
  for (const frame of frames) {
    const key = groupKey(frame);
    const members = groups.get(key);
    if (members) members.push(frame);
    else groups.set(key, [frame]);
  }
  return [...groups].map(([key, members]) => ({ key, frames: members })).sort((a, b) => compare(a.key, b.key));
}

export const groupKey = (frame: Pick<SplitterFrame, "id" | "titleId" | "sceneId">) => `${frame.titleId}/${frame.sceneId ?? `frame:${frame.id}`}`;
const titleOf = (group: Group) => group.frames[0]?.titleId ?? "";
function stratumOf(group: Group): SplitLabel {
  const faces = group.frames.filter((frame) => frame.label === "FACE").length;
  const labelled = group.frames.filter((frame) => frame.label !== null).length;
  return faces * 2 >= labelled ? "FACE" : "NO_FACE";
}
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }) => compare(a.id, b.id);
