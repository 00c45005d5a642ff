// Active learning for the labelling queue: which frames to label next, and which labels to look at again.
export { selectDiverseBatch, rankByUncertainty } from "./select-batch.ts";
export { scorePriorities } from "./priorities.ts";
export { createCandidateScorer, type CandidateScorer } from "./candidate-scorer.ts";
export { findLabelSuspects, type LabelSuspect } from "./label-suspects.ts";
export { assignGroupFolds } from "./folds.ts";
export { crossValidatedDecisions } from "./cross-validate.ts";
