// The paper's model selection: every kernel × C trained on the training split, scored on the
// validation split, from one Gram matrix (and one validation × training cross Gram matrix).
import { availableParallelism } from "node:os";
import { balancedClassWeights, countClasses } from "./class-weights.ts";
import { labelsFromDecisions } from "./decision.ts";
import { MAX_TRAINING_ROWS, type FittedSvm } from "./fit-precomputed.ts";
import { computeCrossGram, computeGram, countRows } from "./gram.ts";
import { createGridRunner, type GridShared, type GridTask, type GridTaskResult } from "./grid-task.ts";
import { runTasksInWorkers } from "./grid-pool.ts";
import { selectBestConfiguration } from "./grid-select.ts";
import { resolveKernel } from "./kernels.ts";
import { computeMetrics, type ClassificationMetrics } from "./metrics.ts";
import { fitStandardiser, standardiseRows } from "./standardise.ts";
import { gatherRows } from "./train.ts";
import type { BinaryLabels, FeatureRows, Kernel, KernelSpec, Standardiser, SvmModel, TrainingGram } from "./types.ts";

export type GridResult = {
  kernel: Kernel;
  C: number;
  metrics: ClassificationMetrics; // on the validation rows
  supportCount: number;
  seconds: number; // this configuration's kernel rows (when not reused), fit and validation decisions
};

export type GridProgress = { done: number; total: number; result: GridResult };

/** One configuration's fit on the grid's training rows: support vectors as row indices, no copies of them. */
export type GridFit = FittedSvm & { kernel: Kernel; C: number };

/**
 * Every configuration's fitted model (`keepModels`), so that a caller scoring them on more splits
 * need not fit them again. Kept light: a fit holds coefficients and support indices; `model(i)`
 * copies configuration i's support vectors out of the training rows only when asked.
 */
export type GridModels = {
  fits: readonly GridFit[]; // in `results` order
  trainRows: FeatureRows; // n × dimensions, standardised when the grid standardised
  standardiser: Standardiser | null;
  /** trainRows · trainRowsᵀ: the training rows' own cross Gram matrix, for their decisions. */
  gram: TrainingGram;
  /** Configuration `index`'s stored form, as `model` is the best one's. */
  model(index: number): SvmModel;
};

export type GridOptions = {
  train: { features: FeatureRows; labels: BinaryLabels }; // features: n × dimensions
  val: { features: FeatureRows; labels: BinaryLabels }; // features: m × dimensions
  dimensions: number;
  kernels: readonly KernelSpec[];
  Cs: readonly number[];
  classWeights?: "balanced" | "none";
  standardise?: boolean;
  /** Worker threads; default one per core. With 1 the grid runs in the calling thread. */
  workers?: number;
  tolerance?: number;
  cacheSizeMb?: number;
  onProgress?: (progress: GridProgress) => void;
  /** Return every configuration's fit as `models`, not only the best one's model. */
  keepModels?: boolean;
  /** Stops the grid between configurations (a cancelled job): nothing new starts and runGrid rejects with the signal's reason. */
  signal?: AbortSignal;
};

export type GridOutcome = { results: GridResult[]; best: GridResult; model: SvmModel; gramSeconds: number };

/** The paper's kernels: linear, RBF and polynomials of degree 2, 3, 4, 5, 6, 10 and 20. */
export const PAPER_KERNELS: readonly KernelSpec[] = [
  { type: "linear" },
  { type: "rbf" },
  ...[2, 3, 4, 5, 6, 10, 20].map((degree): KernelSpec => ({ type: "poly", degree })),
];

export function runGrid(options: GridOptions & { keepModels: true }): Promise<GridOutcome & { models: GridModels }>;
export function runGrid(options: GridOptions): Promise<GridOutcome & { models?: GridModels }>;
export async function runGrid(options: GridOptions): Promise<GridOutcome & { models?: GridModels }> {
  const { train, val, dimensions, onProgress, signal } = options;
  if (countRows(train.features, dimensions, "train.features") !== train.labels.length) throw new RangeError("train: as many labels as feature rows are needed");
  if (countRows(val.features, dimensions, "val.features") !== val.labels.length) throw new RangeError("val: as many labels as feature rows are needed");
  if (val.labels.length === 0) throw new RangeError("the validation split is empty");
  countClasses(train.labels);
  if (train.labels.length > MAX_TRAINING_ROWS) throw new RangeError(`${train.labels.length} training rows is more than the ${MAX_TRAINING_ROWS} a precomputed-kernel grid holds; subsample the training split`);
  if (options.kernels.length === 0 || options.Cs.length === 0) throw new RangeError("the grid needs at least one kernel and one C");
  signal?.throwIfAborted();

  const gramStarted = performance.now();
  const standardiser = options.standardise ? fitStandardiser({ features: train.features, dimensions }) : null;
  const trainRows = standardiser ? standardiseRows({ features: train.features, dimensions, standardiser }) : train.features;
  const valRows = standardiser ? standardiseRows({ features: val.features, dimensions, standardiser }) : val.features;
  const gram = await computeGram({ features: trainRows, dimensions, shared: true });
  const crossGram = await computeCrossGram({ left: valRows, right: trainRows, dimensions, shared: true });
  const gramSeconds = (performance.now() - gramStarted) / 1000;

  const classWeights = (options.classWeights ?? "balanced") === "balanced" ? balancedClassWeights(train.labels) : { negative: 1, positive: 1 };
  const shared: GridShared = { gram, crossGram, labels: train.labels, classWeights, tolerance: options.tolerance ?? 1e-3, cacheSizeMb: options.cacheSizeMb ?? 200 };
  const tasks: GridTask[] = [];
  for (const spec of options.kernels) {
    const kernel = resolveKernel({ kernel: spec, dimensions, featureVariance: gram.featureVariance });
    for (const C of options.Cs) {
      if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`every C must be a positive number, got ${C}`);
      tasks.push({ id: tasks.length, kernel, C });
    }
  }

  const results: (GridResult | undefined)[] = tasks.map(() => undefined);
  const fits: (FittedSvm | undefined)[] = tasks.map(() => undefined);
  let done = 0;
  const onResult = (outcome: GridTaskResult) => {
    const task = tasks[outcome.id];
    if (task === undefined) throw new RangeError(`a result for unknown configuration ${outcome.id}`);
    const metrics = computeMetrics({ labels: val.labels, predicted: labelsFromDecisions(outcome.decisions) });
    const result: GridResult = { kernel: task.kernel, C: task.C, metrics, supportCount: outcome.fitted.coefficients.length, seconds: outcome.seconds };
    results[outcome.id] = result;
    fits[outcome.id] = outcome.fitted;
    onProgress?.({ done: ++done, total: tasks.length, result });
  };
  const workers = options.workers ?? availableParallelism();
  if (workers <= 1 || tasks.length === 1) {
    const run = createGridRunner(shared);
    for (const task of tasks) {
      signal?.throwIfAborted();
      onResult(await run(task));
    }
  } else {
    await runTasksInWorkers({ shared, tasks, workers, onResult, ...(signal ? { signal } : {}) });
  }

  const finished = results.filter((result) => result !== undefined);
  if (finished.length !== tasks.length) throw new Error(`the grid finished ${finished.length} of ${tasks.length} configurations`);
  const best = selectBestConfiguration(finished);
  const gridFits = tasks.map((task, index): GridFit => {
    const fitted = fits[index];
    if (fitted === undefined) throw new Error(`configuration ${index}'s fit went missing`);
    return { kernel: task.kernel, C: task.C, ...fitted };
  });
  const model = (index: number): SvmModel => {
    const fit = gridFits[index];
    if (fit === undefined) throw new RangeError(`the grid has no configuration ${index}`);
    const { kernel, C, ...fitted } = fit;
    return { kernel, C, classWeights, dimensions, ...fitted, supportVectors: gatherRows(trainRows, dimensions, fitted.supportIndices), standardiser };
  };
  const outcome: GridOutcome = { results: finished, best, model: model(finished.indexOf(best)), gramSeconds };
  return options.keepModels ? { ...outcome, models: { fits: gridFits, trainRows, standardiser, gram, model } } : outcome;
}
