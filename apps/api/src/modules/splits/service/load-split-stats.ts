import type { Prisma } from "@kao/db";
import type { AssignedSplit } from "./splitter/split-frames.ts";

export const ASSIGNED_SPLITS: readonly AssignedSplit[] = ["TRAIN", "VAL", "TEST", "DISTINCT"];

/** Frames of one split and their label balance (by the frames' current consensus). */
export interface SplitCount {
  split: AssignedSplit;
  frames: number;
  face: number;
  noFace: number;
  /** Assigned frames whose consensus was withdrawn or became UNSURE since; exports leave them out. */
  unlabelled: number;
}

export interface SplitStats {
  frames: number;
  splits: SplitCount[];
  /** Per title, by title id; only titles with frames in the version. */
  titles: { titleId: string; splits: SplitCount[] }[];
}

const emptyCounts = (): SplitCount[] => ASSIGNED_SPLITS.map((split) => ({ split, frames: 0, face: 0, noFace: 0, unlabelled: 0 }));

/** Per-split and per-title counts with label balance, for many versions in one query. */
export async function loadSplitStats(db: Pick<Prisma.TransactionClient, "$queryRaw">, versionIds: readonly string[]): Promise<Map<string, SplitStats>> {
  const rows = await db.$queryRaw<{ versionId: string; split: AssignedSplit; titleId: string; label: string | null; frames: number }[]>`
    SELECT a."splitVersionId" AS "versionId", a.split::text AS split, f."titleId", c.label::text AS label, count(*)::int AS frames
      FROM "SplitAssignment" a
      JOIN "Frame" f ON f.id = a."frameId"
      LEFT JOIN "Consensus" c ON c."frameId" = a."frameId"
     WHERE a."splitVersionId" = ANY(${[...versionIds]}::uuid[])
     GROUP BY 1, 2, 3, 4`;
  const stats = new Map<string, SplitStats & { byTitle: Map<string, SplitCount[]> }>(
    versionIds.map((id) => [id, { frames: 0, splits: emptyCounts(), titles: [], byTitle: new Map() }]),
  );
  for (const row of rows) {
    const version = stats.get(row.versionId);
    if (!version) continue;
    let titleCounts = version.byTitle.get(row.titleId);
    if (!titleCounts) version.byTitle.set(row.titleId, (titleCounts = emptyCounts()));
    version.frames += row.frames;
    for (const counts of [version.splits, titleCounts]) {
      const count = counts.find((entry) => entry.split === row.split);
      if (!count) continue;
      count.frames += row.frames;
      if (row.label === "FACE") count.face += row.frames;
      else if (row.label === "NO_FACE") count.noFace += row.frames;
      else count.unlabelled += row.frames;
    }
  }
  return new Map(
    [...stats].map(([id, { byTitle, ...rest }]) => [
      id,
      { ...rest, titles: [...byTitle].map(([titleId, splits]) => ({ titleId, splits })).sort((a, b) => (a.titleId < b.titleId ? -1 : 1)) },
    ]),
  );
}
