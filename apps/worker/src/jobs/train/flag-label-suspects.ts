import type { Db } from "@kao/db";
import { crossValidatedDecisions, findLabelSuspects, type KernelSpec } from "@kao/ml";
import type { LabelledRows } from "./load-labelled-set.ts";

export interface FlaggedLabel {
  frameId: string;
  label: "FACE" | "NO_FACE";
  /** Out-of-fold decision value: how firmly the rest of the data disagrees (positive = FACE). */
  decisionValue: number;
}

/** At most this many frames go to review per run: a reviewer's queue, not a flood. */
const MAX_FLAGGED = 200;

/**
 * Likely label errors among the TRAIN frames: cross-validated (by scene) decision values that
 * contradict the consensus beyond the SVM's margin. Those frames go to REVIEW with their consensus
 * kept, so training still uses it until a reviewer decides. Labels a reviewer already adjudicated
 * are never flagged again, or every run would send the same frame back.
 */
export async function flagLabelSuspects(
  db: Db,
  options: { datasetId: string; runId: string; train: LabelledRows; dimensions: number; kernel: KernelSpec; C: number; classWeights: "balanced" | "none"; standardise: boolean },
): Promise<FlaggedLabel[]> {
  const { train } = options;
  const decisions = await crossValidatedDecisions({
    features: train.features,
    dimensions: options.dimensions,
    labels: train.labels,
    groups: train.sceneIds,
    kernel: options.kernel,
    C: options.C,
    classWeights: options.classWeights,
    standardise: options.standardise,
  });
  const suspects = findLabelSuspects({ decisions, labels: train.labels })
    .filter((suspect) => !train.adjudicated[suspect.index])
    .slice(0, MAX_FLAGGED)
    .map((suspect): FlaggedLabel => ({
      frameId: train.frameIds[suspect.index] ?? "",
      label: train.labels[suspect.index] === 1 ? "FACE" : "NO_FACE",
      decisionValue: suspect.decision,
    }));
  if (suspects.length === 0) return [];
  return db.$transaction(async (tx) => {
    // updatedAt is when the frame entered review (the review queue's order).
    const moved = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Frame" SET "labelStatus" = 'REVIEW', "updatedAt" = now()
       WHERE id = ANY(${suspects.map((suspect) => suspect.frameId)}::uuid[]) AND "datasetId" = ${options.datasetId}::uuid AND "labelStatus" = 'DONE'
      RETURNING id`;
    const movedIds = new Set(moved.map((row) => row.id));
    const flagged = suspects.filter((suspect) => movedIds.has(suspect.frameId));
    await tx.auditLog.createMany({
      data: flagged.map((suspect) => ({
        actorId: null,
        datasetId: options.datasetId,
        action: "label.suspect",
        targetType: "Frame",
        targetId: suspect.frameId,
        data: { runId: options.runId, label: suspect.label, decisionValue: suspect.decisionValue },
      })),
    });
    return flagged;
  });
}
