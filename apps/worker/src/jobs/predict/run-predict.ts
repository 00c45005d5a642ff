import { z } from "zod";
import { deserialiseSvmModel, predictSvm } from "@kao/ml";
import { applyActiveLearning } from "../train/apply-active-learning.ts";
import { runLeasedJob, type LeasedJobRunner } from "../train/leased-job.ts";
import { loadLabelledSet } from "../train/load-labelled-set.ts";
import { packVectors } from "../train/vectors.ts";
import { writePredictions } from "../train/write-predictions.ts";
import { parsePredictParams } from "./predict-params.ts";

/** The class weighting a run was trained with (TrainingRun.params), for refits in cross-validation. */
const runClassWeights = z.object({ classWeights: z.enum(["balanced", "none"]) });

/** Frames predicted per round: one Gram block against the support vectors, one upsert. */
const PAGE = 256;

/**
 * Runs (or resumes) one PREDICT job: every frame of the run's dataset with a feature vector for the
 * run's backbone gets a Prediction for the run. Like extraction, it works on the frames still without
 * one, page by page, so a successor of a killed worker carries on where it stopped.
 */
export function runPredict(runner: LeasedJobRunner, jobId: string) {
  return runLeasedJob(runner, jobId, "prediction", async (job, lease) => {
    const { db } = runner;
    const params = parsePredictParams(job.params);
    const run = await db.trainingRun.findUnique({ where: { id: params.runId }, include: { backbone: true } });
    if (!run) throw new Error(`training run ${params.runId} no longer exists`);
    if (!run.model) throw new Error(`training run ${run.id} kept no model (only the best C of each kernel does); pick that run`);
    const model = deserialiseSvmModel(run.model);
    if (model.dimensions !== run.backbone.dims) throw new Error(`the run's model takes ${model.dimensions} values, backbone "${run.backbone.name}" gives ${run.backbone.dims}`);

    const withVector = { datasetId: run.datasetId, featureVectors: { some: { backboneId: run.backboneId } } };
    const missing = { ...withVector, predictions: { none: { runId: run.id } } };
    const [total, remaining] = await Promise.all([db.frame.count({ where: withVector }), db.frame.count({ where: missing })]);
    await lease.setProgress({ total, done: total - remaining });
    for (;;) {
      // A cancel stops before the next page: the pages written stay (predictions are per frame, complete).
      await lease.stopIfCancelled();
      const frames = await db.frame.findMany({
        where: missing,
        select: { id: true, featureVectors: { where: { backboneId: run.backboneId }, select: { vector: true } } },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      if (frames.length === 0) break;
      const features = packVectors(frames.map((frame) => frame.featureVectors[0]?.vector ?? new Uint8Array(0)), model.dimensions);
      const { decisions } = await predictSvm({ model, features });
      await writePredictions(db, run.id, { frameIds: frames.map((frame) => frame.id), decisions });
      await db.job.update({ where: { id: jobId }, data: { done: { increment: frames.length } } });
    }
    const predicted = await db.prediction.count({ where: { runId: run.id } });
    if (!params.suggest) return { runId: run.id, predicted };

    const classWeights = runClassWeights.safeParse(run.params).data?.classWeights ?? "balanced";
    const train =
      params.flagLabelErrors && run.splitVersionId
        ? (await loadLabelledSet(db, { splitVersionId: run.splitVersionId, backboneId: run.backboneId, dimensions: model.dimensions })).TRAIN
        : null;
    const learned = await applyActiveLearning(db, {
      jobId,
      datasetId: run.datasetId,
      backboneId: run.backboneId,
      splitVersionId: run.splitVersionId,
      runId: run.id,
      model,
      batchSize: params.suggestBatchSize,
      train: train && train.labels.length > 0 ? train : null,
      classWeights,
      checkpoint: () => lease.stopIfCancelled(),
    });
    return {
      runId: run.id,
      predicted,
      suggestions: learned.suggestions ? { ...learned.suggestions } : null,
      labelSuspects: learned.labelSuspects.map((suspect) => ({ ...suspect })),
      activeLearningError: learned.activeLearningError,
    };
  });
}
