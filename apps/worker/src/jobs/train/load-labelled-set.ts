import type { Db, Split } from "@kao/db";
import { packVectors } from "./vectors.ts";

export const EVALUATED_SPLITS = ["TRAIN", "VAL", "TEST", "DISTINCT"] as const;
export type EvaluatedSplit = (typeof EVALUATED_SPLITS)[number];

export interface LabelledRows {
  frameIds: string[];
  sceneIds: (string | null)[];
  /** Reviewer-confirmed labels are never flagged again. */
  adjudicated: boolean[];
  features: Float32Array; // rows × dimensions
  labels: Uint8Array; // rows: 1 = FACE, 0 = no face
}

export type LabelledSet = Record<EvaluatedSplit, LabelledRows> & {
  /** Frames with a FACE/NO_FACE consensus in the version but no vector for the backbone. */
  missingVectors: number;
};

const PAGE = 500;

/**
 * The frames of a split version with a FACE or NO_FACE consensus and a feature vector for the
 * backbone, by split. Frames are read in pages so that the query result never holds every vector twice.
 */
export async function loadLabelledSet(db: Db, options: { splitVersionId: string; backboneId: string; dimensions: number }): Promise<LabelledSet> {
  const empty = () => ({ frameIds: [] as string[], sceneIds: [] as (string | null)[], adjudicated: [] as boolean[], vectors: [] as Uint8Array[], labels: [] as number[] });
  const collected = { TRAIN: empty(), VAL: empty(), TEST: empty(), DISTINCT: empty() };
  let missingVectors = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.splitAssignment.findMany({
      where: { splitVersionId: options.splitVersionId, split: { in: [...EVALUATED_SPLITS] }, frame: { consensus: { label: { in: ["FACE", "NO_FACE"] } } } },
      select: {
        frameId: true,
        split: true,
        frame: {
          select: {
            sceneId: true,
            consensus: { select: { label: true, method: true } },
            featureVectors: { where: { backboneId: options.backboneId }, select: { vector: true } },
          },
        },
      },
      orderBy: { frameId: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { splitVersionId_frameId: { splitVersionId: options.splitVersionId, frameId: cursor } }, skip: 1 } : {}),
    });
    for (const row of page) {
      const vector = row.frame.featureVectors[0]?.vector;
      const target = isEvaluated(row.split) ? collected[row.split] : undefined;
      if (!target) continue;
      if (!vector) {
        missingVectors++;
        continue;
      }
      target.frameIds.push(row.frameId);
      target.sceneIds.push(row.frame.sceneId);
      target.adjudicated.push(row.frame.consensus?.method === "ADJUDICATED");
      target.vectors.push(vector);
      target.labels.push(row.frame.consensus?.label === "FACE" ? 1 : 0);
    }
    if (page.length < PAGE) break;
    cursor = page.at(-1)?.frameId;
  }
  const pack = (split: EvaluatedSplit): LabelledRows => {
    const rows = collected[split];
    return { frameIds: rows.frameIds, sceneIds: rows.sceneIds, adjudicated: rows.adjudicated, features: packVectors(rows.vectors, options.dimensions), labels: Uint8Array.from(rows.labels) };
  };
  return { TRAIN: pack("TRAIN"), VAL: pack("VAL"), TEST: pack("TEST"), DISTINCT: pack("DISTINCT"), missingVectors };
}

const isEvaluated = (split: Split): split is EvaluatedSplit => (EVALUATED_SPLITS as readonly string[]).includes(split);

/** FACE and no-face counts of a split, for messages and the job's result. */
export function countClasses(rows: LabelledRows) {
  const face = rows.labels.reduce((sum, label) => sum + label, 0);
  return { face, noFace: rows.labels.length - face };
}
