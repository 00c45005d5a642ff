// The SVM part of @kao/ml: Gram matrices, kernels, training, decisions, storage, metrics, grid.
export { computeCrossGram, computeGram } from "./gram.ts";
export { kernelMatrix, kernelValue, resolveKernel } from "./kernels.ts";
export { balancedClassWeights } from "./class-weights.ts";
export { fitStandardiser, standardiseRows } from "./standardise.ts";
export { trainSvm } from "./train.ts";
export { decisionValues, labelsFromDecisions, predictSvm } from "./decision.ts";
export { deserialiseSvmModel, serialiseSvmModel } from "./serialise.ts";
export { computeMetrics, type ClassificationMetrics, type ConfusionMatrix } from "./metrics.ts";
export { PAPER_KERNELS, runGrid, type GridFit, type GridModels, type GridOptions, type GridOutcome, type GridProgress, type GridResult } from "./grid.ts";
export { MAX_TRAINING_ROWS } from "./fit-precomputed.ts";
export type * from "./types.ts";
