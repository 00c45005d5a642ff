import type { Label } from "@kao/db";
import { cohenKappa } from "../stats/cohen-kappa.ts";
import { fleissKappa } from "../stats/fleiss-kappa.ts";
import { krippendorffAlpha } from "../stats/krippendorff-alpha.ts";
import { percentAgreement } from "../stats/percent-agreement.ts";
import type { AgreementCounts, LabelProfile } from "./load-agreement-counts.ts";

export interface AgreementFigures {
  /** Frames with two or more labels, the ones the figures are computed on. */
  frames: number;
  percentAgreement: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
}

export interface PairFigures {
  /** The two labellers, `aId < bId`. */
  aId: string;
  bId: string;
  frames: number;
  cohenKappa: number | null;
  percentAgreement: number | null;
}

export interface LabellerFigures {
  userId: string;
  /** Frames this labeller labelled that somebody else labelled too. */
  frames: number;
  /** Of all comparisons of their label with another labeller's label on the same frame, the share that matched. */
  percentAgreement: number | null;
  /** Unweighted mean of their pairwise Cohen's κ, over the pairs where κ is defined. */
  meanCohenKappa: number | null;
}

export interface AgreementSummary extends AgreementFigures {
  byTitle: (AgreementFigures & { titleId: string })[];
  pairs: PairFigures[];
  byLabeller: LabellerFigures[];
}

/** Column of each label in the count tables the statistics take. */
const LABEL_INDEX: Record<Label, number> = { FACE: 0, NO_FACE: 1, UNSURE: 2 };

/**
 * Agreement figures from counts (see loadAgreementCounts): overall and per title (percent agreement,
 * Fleiss' κ, Krippendorff's α), per pair of labellers (Cohen's κ on the frames both labelled) and per
 * labeller against everyone else. Pairs and labellers are only as present as the counts are.
 */
export function computeAgreement(counts: AgreementCounts): AgreementSummary {
  const byTitle = new Map<string, LabelProfile[]>();
  for (const profile of counts.profiles) {
    const profiles = byTitle.get(profile.titleId) ?? [];
    profiles.push(profile);
    byTitle.set(profile.titleId, profiles);
  }
  const pairs = comparePairs(counts.pairs);
  return {
    ...figures(counts.profiles),
    byTitle: [...byTitle].map(([titleId, profiles]) => ({ titleId, ...figures(profiles) })),
    pairs: pairs.map(({ agreed: _agreed, ...pair }) => pair),
    byLabeller: counts.labellers.map(({ userId, frames }) => {
      const own = pairs.filter((pair) => pair.aId === userId || pair.bId === userId);
      const comparisons = own.reduce((sum, pair) => sum + pair.frames, 0);
      const matches = own.reduce((sum, pair) => sum + pair.agreed, 0);
      const kappas = own.flatMap((pair) => (pair.cohenKappa === null ? [] : [pair.cohenKappa]));
      return {
        userId,
        frames,
        percentAgreement: comparisons === 0 ? null : matches / comparisons,
        meanCohenKappa: kappas.length === 0 ? null : kappas.reduce((sum, kappa) => sum + kappa, 0) / kappas.length,
      };
    }),
  };
}

/** Frames × labels table: each profile stands for `frames` identical rows (shared, not copied). */
function figures(profiles: readonly LabelProfile[]): AgreementFigures {
  const table: number[][] = [];
  for (const profile of profiles) {
    const row = [profile.face, profile.noFace, profile.unsure];
    for (let i = 0; i < profile.frames; i++) table.push(row);
  }
  return {
    frames: table.length,
    percentAgreement: percentAgreement(table),
    fleissKappa: fleissKappa(table),
    krippendorffAlpha: krippendorffAlpha(table),
  };
}

/** Each pair's figures, and on how many of their shared frames they agreed. */
function comparePairs(cells: AgreementCounts["pairs"]): (PairFigures & { agreed: number })[] {
  const matrices = new Map<string, { aId: string; bId: string; confusion: number[][] }>();
  for (const cell of cells) {
    const key = `${cell.aId}:${cell.bId}`;
    const pair = matrices.get(key) ?? { aId: cell.aId, bId: cell.bId, confusion: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] };
    const row = pair.confusion[LABEL_INDEX[cell.aLabel]];
    if (row) row[LABEL_INDEX[cell.bLabel]] = (row[LABEL_INDEX[cell.bLabel]] ?? 0) + cell.frames;
    matrices.set(key, pair);
  }
  return [...matrices.values()].map(({ aId, bId, confusion }) => {
    const frames = confusion.flat().reduce((sum, count) => sum + count, 0);
    const agreed = confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
    return { aId, bId, frames, agreed, cohenKappa: cohenKappa(confusion), percentAgreement: frames === 0 ? null : agreed / frames };
  });
}
