import type { Db } from "@kao/db";
import { MAX_TRAINING_ROWS, runGrid, type KernelSpec } from "@kao/ml";
import { logger } from "../../logger.ts";
import { applyActiveLearning } from "./apply-active-learning.ts";
import { evaluateConfigurations } from "./evaluate-configurations.ts";
import { bestPerVariant } from "./kernel-variant.ts";
import { JobStopped, runLeasedJob, type LeasedJobRunner } from "./leased-job.ts";
import { countClasses, loadLabelledSet, type LabelledSet } from "./load-labelled-set.ts";
import { parseTrainParams, type TrainParams } from "./train-params.ts";
import { writeRuns } from "./write-runs.ts";

export interface TrainRunner extends LeasedJobRunner {
  /** Worker threads for the grid (runGrid's default, one per core, when unset). */
  trainThreads?: number;
}

/**
 * Runs (or reruns, after a crash) one TRAIN job: the paper's grid on one backbone's features and
 * one split version. TRAIN fits, VAL selects; every configuration is then scored on all four splits
 * and stored as a TrainingRun. The VAL-selected run then drives active learning: it orders the
 * labelling queue and sends TRAIN labels it contradicts to review.
 * Progress: each configuration counts twice (grid, then evaluation), active learning once.
 * Cancelling: the grid stops between configurations and evaluation between runs, and then no run is
 * written (the runs are written together, all or none). Once they are written they are complete and
 * stay; a cancel during active learning only skips the rest of it, and the job says CANCELLED.
 */
export function runTrain(runner: TrainRunner, jobId: string) {
  return runLeasedJob(runner, jobId, "training", async (job, lease) => {
    const { db } = runner;
    const params = parseTrainParams(job.params);
    const datasetId = job.datasetId;
    if (!datasetId) throw new Error(`training job ${jobId} has no dataset`);
    const backbone = await db.backbone.findUnique({ where: { id: params.backboneId } });
    if (!backbone) throw new Error(`backbone ${params.backboneId} no longer exists`);
    const version = await db.splitVersion.findFirst({ where: { id: params.splitVersionId, datasetId } });
    if (!version) throw new Error(`split version ${params.splitVersionId} is not a split of this dataset (was it deleted?)`);

    const set = await loadLabelledSet(db, { splitVersionId: version.id, backboneId: backbone.id, dimensions: backbone.dims });
    await assertTrainable(db, { set, datasetId, backbone, versionName: version.name });
    const kernels = params.kernels.map(toKernelSpec);
    const configurations = kernels.length * params.Cs.length;
    const total = 2 * configurations + 1;
    await lease.setProgress({ total, done: 0 });

    // runGrid reports synchronously; the writes go out in order, one at a time.
    let progress = Promise.resolve();
    const grid = await runGrid({
      train: set.TRAIN,
      val: set.VAL,
      dimensions: backbone.dims,
      kernels,
      Cs: params.Cs,
      classWeights: params.classWeights,
      standardise: params.standardise,
      ...(runner.trainThreads === undefined ? {} : { workers: runner.trainThreads }),
      keepModels: true,
      signal: lease.signal,
      onProgress: ({ done }) => {
        // Each configuration is a batch: record it, then look at the cancel flag (the grid stops at the next one).
        progress = progress
          .then(() => lease.setProgress({ done }))
          .then(() => lease.stopIfCancelled())
          .catch((error: unknown) => {
            if (!(error instanceof JobStopped)) logger.warn("progress update failed", { jobId, message: String(error) });
          });
      },
    }).finally(() => progress);
    await lease.stopIfCancelled();

    const selectedIndex = grid.results.indexOf(grid.best);
    const keep = bestPerVariant(grid.results).add(selectedIndex);
    const evaluated = await evaluateConfigurations({
      set,
      models: grid.models,
      configurations: grid.results,
      keepModel: (index) => keep.has(index),
      onEvaluated: async (done) => {
        await lease.setProgress({ done: configurations + done });
        await lease.stopIfCancelled();
      },
    });
    const runIds = await writeRuns(db, { job, params, evaluated });
    const selectedRunId = runIds[selectedIndex] ?? "";
    const selected = evaluated[selectedIndex];

    const learned = selected?.model
      ? await applyActiveLearning(db, {
          jobId,
          datasetId,
          backboneId: backbone.id,
          splitVersionId: version.id,
          runId: selectedRunId,
          model: selected.model,
          batchSize: params.suggestBatchSize,
          train: params.flagLabelErrors ? set.TRAIN : null,
          classWeights: params.classWeights,
          checkpoint: () => lease.stopIfCancelled(),
        }).catch((error: unknown) => {
          // The runs are stored and complete: a cancel now ends active learning, not the job's record of them.
          if (error instanceof JobStopped) return { suggestions: null, labelSuspects: [], activeLearningError: "the job was cancelled before active learning finished" };
          throw error;
        })
      : null;
    if (!lease.cancelled()) await lease.setProgress({ done: total });
    return {
      selectedRunId,
      selected: { kernel: grid.best.kernel, C: grid.best.C, valMetrics: grid.best.metrics },
      runIds,
      counts: { TRAIN: countClasses(set.TRAIN), VAL: countClasses(set.VAL), TEST: countClasses(set.TEST), DISTINCT: countClasses(set.DISTINCT) },
      missingVectors: set.missingVectors,
      gramSeconds: grid.gramSeconds,
      suggestions: learned?.suggestions ? { ...learned.suggestions } : null,
      labelSuspects: (learned?.labelSuspects ?? []).map((suspect) => ({ ...suspect })),
      activeLearningError: learned?.activeLearningError ?? null,
    };
  });
}

function toKernelSpec(kernel: TrainParams["kernels"][number]): KernelSpec {
  if (kernel.kernel === "LINEAR") return { type: "linear" };
  if (kernel.kernel === "RBF") return { type: "rbf" };
  if (!kernel.degree) throw new Error("a POLY kernel needs a degree");
  return { type: "poly", degree: kernel.degree };
}

/** The failures people can fix, each with what to do; LIBSVM's own messages would say much less. */
async function assertTrainable(db: Db, options: { set: LabelledSet; datasetId: string; backbone: { id: string; name: string }; versionName: string }) {
  const { set, backbone, versionName } = options;
  const labelled = set.TRAIN.labels.length + set.VAL.labels.length + set.TEST.labels.length + set.DISTINCT.labels.length;
  if (labelled === 0) {
    const vectors = await db.featureVector.count({ where: { backboneId: backbone.id, frame: { datasetId: options.datasetId } } });
    if (vectors === 0) throw new Error(`no feature vectors for backbone "${backbone.name}" in this dataset: run an extraction with it first`);
    if (set.missingVectors > 0) throw new Error(`none of the ${set.missingVectors} labelled frames of split version "${versionName}" has a feature vector for backbone "${backbone.name}": run an extraction first`);
    throw new Error(`split version "${versionName}" has no frames with a FACE or NO_FACE label`);
  }
  const train = countClasses(set.TRAIN);
  if (train.face === 0 || train.noFace === 0) {
    throw new Error(`the TRAIN split of "${versionName}" has ${train.face} FACE and ${train.noFace} NO_FACE frames with vectors for "${backbone.name}"; an SVM needs both classes`);
  }
  if (set.VAL.labels.length === 0) {
    throw new Error(`the VAL split of "${versionName}" has no labelled frames with vectors for "${backbone.name}"; model selection needs some`);
  }
  if (set.TRAIN.labels.length > MAX_TRAINING_ROWS) {
    throw new Error(`the TRAIN split has ${set.TRAIN.labels.length} frames, more than the ${MAX_TRAINING_ROWS} an SVM grid can hold; make a split with a smaller TRAIN share`);
  }
}
