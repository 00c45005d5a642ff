import type { Db } from "@kao/db";
import type { SvmModel } from "@kao/ml";
import { logger } from "../../logger.ts";
import { JobStopped } from "./leased-job.ts";
import { flagLabelSuspects, type FlaggedLabel } from "./flag-label-suspects.ts";
import type { LabelledRows } from "./load-labelled-set.ts";
import { suggestFrames, type Suggestions } from "./suggest-frames.ts";

export interface ActiveLearningOutcome {
  suggestions: Suggestions | null;
  labelSuspects: FlaggedLabel[];
  /** Why active learning stopped; the job's main work (a grid, predictions) still counts. */
  activeLearningError: string | null;
}

/**
 * What a run does for labelling, after training (TRAIN job) or on request (`suggestFrames`, a PREDICT
 * job): orders the queue by the run's uncertainty and, with its TRAIN frames, flags likely label errors.
 * A failure here is reported in the job's result rather than failing a job whose runs are already stored.
 */
export async function applyActiveLearning(
  db: Db,
  options: {
    jobId: string;
    datasetId: string;
    backboneId: string;
    splitVersionId: string | null;
    runId: string;
    model: SvmModel;
    batchSize: number;
    /** The run's TRAIN frames, or null to skip flagging label errors. */
    train: LabelledRows | null;
    classWeights: "balanced" | "none";
    /** Throws JobStopped when the job was cancelled; called between batches. */
    checkpoint: () => Promise<void>;
  },
): Promise<ActiveLearningOutcome> {
  const { model } = options;
  const outcome: ActiveLearningOutcome = { suggestions: null, labelSuspects: [], activeLearningError: null };
  try {
    if (options.batchSize > 0) outcome.suggestions = await suggestFrames(db, options);
    await options.checkpoint();
    if (options.train) {
      outcome.labelSuspects = await flagLabelSuspects(db, {
        datasetId: options.datasetId,
        runId: options.runId,
        train: options.train,
        dimensions: model.dimensions,
        kernel: model.kernel,
        C: model.C,
        classWeights: options.classWeights,
        standardise: model.standardiser !== null,
      });
    }
  } catch (error) {
    if (error instanceof JobStopped) throw error;
    outcome.activeLearningError = error instanceof Error ? error.message : String(error);
    logger.error("active learning failed", { jobId: options.jobId, message: outcome.activeLearningError });
  }
  return outcome;
}
