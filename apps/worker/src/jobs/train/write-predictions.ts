import type { Db } from "@kao/db";

/**
 * Upserts one run's decisions for some frames. Re-running a prediction (a resumed job, or the same
 * frames scored by active learning and then by the run's PREDICT job) rewrites the same values.
 */
export async function writePredictions(db: Db, runId: string, rows: { frameIds: readonly string[]; decisions: Float64Array }) {
  if (rows.frameIds.length === 0) return;
  const values = Array.from(rows.decisions);
  // LIBSVM's rule (see @kao/ml labelsFromDecisions): positive is FACE, zero and below no face.
  const labels = values.map((value) => (value > 0 ? "FACE" : "NO_FACE"));
  await db.$executeRaw`
    INSERT INTO "Prediction" ("runId", "frameId", "decisionValue", label, "createdAt", "updatedAt")
    SELECT ${runId}::uuid, v.frame, v.decision, v.label::"Label", now(), now()
      FROM unnest(${[...rows.frameIds]}::uuid[], ${values}::float8[], ${labels}::text[]) AS v(frame, decision, label)
    ON CONFLICT ("runId", "frameId") DO UPDATE
      SET "decisionValue" = EXCLUDED."decisionValue", label = EXCLUDED.label, "updatedAt" = now()`;
}
