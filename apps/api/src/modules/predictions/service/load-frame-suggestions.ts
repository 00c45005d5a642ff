import type { Db } from "@kao/db";

export interface FrameSuggestion {
  /** The labelling queue's order: above 1 for the active-learning batch, (0, 1] by uncertainty, 0 unscored. */
  priority: number;
  /** The scoring run's decision value for the frame (positive = FACE); null when it was not scored. */
  decisionValue: number | null;
  runId: string | null;
}

/**
 * "Why this frame": each frame's priority and the decision value of the run that last ordered its
 * dataset's queue (the newest finished job with suggestions). One query per step for a whole page.
 */
export async function loadFrameSuggestions(db: Db, frameIds: readonly string[]): Promise<Map<string, FrameSuggestion>> {
  const frames = await db.frame.findMany({ where: { id: { in: [...frameIds] } }, select: { id: true, datasetId: true, priority: true } });
  const datasetIds = [...new Set(frames.map((frame) => frame.datasetId))];
  const runs = datasetIds.length
    ? await db.$queryRaw<{ datasetId: string; runId: string }[]>`
        SELECT DISTINCT ON ("datasetId") "datasetId", result->'suggestions'->>'runId' AS "runId"
          FROM "Job"
         WHERE "datasetId" = ANY(${datasetIds}::uuid[]) AND kind IN ('TRAIN', 'PREDICT') AND status = 'SUCCEEDED'
           AND result->'suggestions'->>'runId' IS NOT NULL
         ORDER BY "datasetId", "finishedAt" DESC NULLS LAST, id DESC`
    : [];
  const runOf = new Map(runs.map((row) => [row.datasetId, row.runId]));
  const wanted = frames.flatMap((frame) => {
    const runId = runOf.get(frame.datasetId);
    return runId ? [{ runId, frameId: frame.id }] : [];
  });
  const predictions = wanted.length ? await db.prediction.findMany({ where: { OR: wanted }, select: { runId: true, frameId: true, decisionValue: true } }) : [];
  const decisionOf = new Map(predictions.map((row) => [`${row.runId}:${row.frameId}`, row.decisionValue]));
  return new Map(
    frames.map((frame) => {
      const runId = runOf.get(frame.datasetId) ?? null;
      return [frame.id, { priority: frame.priority, runId, decisionValue: runId ? (decisionOf.get(`${runId}:${frame.id}`) ?? null) : null }];
    }),
  );
}
