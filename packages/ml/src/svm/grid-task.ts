// One grid configuration's work, the same in a worker thread and in the calling thread: the kernel's
// precomputed rows (kept for the next C of the same kernel), LIBSVM's fit, and the validation rows'
// decision values from the cross Gram matrix.
import { decisionValues } from "./decision.ts";
import { fitPrecomputed, precomputedRows, type FittedSvm } from "./fit-precomputed.ts";
import type { BinaryLabels, ClassWeights, Gram, Kernel } from "./types.ts";

export type GridShared = {
  gram: Gram; // train × train, values in a SharedArrayBuffer when shared with workers
  crossGram: Gram; // validation × train
  labels: BinaryLabels; // train
  classWeights: ClassWeights;
  tolerance: number;
  cacheSizeMb: number;
};

export type GridTask = { id: number; kernel: Kernel; C: number };

export type GridTaskResult = { id: number; fitted: FittedSvm; decisions: Float64Array; seconds: number };

/** Keeps the last kernel's rows: consecutive C values of one kernel skip recomputing them. */
export function createGridRunner(shared: GridShared): (task: GridTask) => Promise<GridTaskResult> {
  let cached: { key: string; rows: Float64Array[] } | null = null;
  let buffer: Float64Array | null = null;
  return async (task) => {
    const started = performance.now();
    const key = JSON.stringify(task.kernel);
    if (cached?.key !== key) {
      buffer ??= new Float64Array(shared.gram.rows * (shared.gram.rows + 1));
      cached = { key, rows: precomputedRows({ gram: shared.gram, kernel: task.kernel, buffer }) };
    }
    const fitted = await fitPrecomputed({
      gram: shared.gram,
      kernel: task.kernel,
      labels: shared.labels,
      C: task.C,
      classWeights: shared.classWeights,
      rows: cached.rows,
      tolerance: shared.tolerance,
      cacheSizeMb: shared.cacheSizeMb,
    });
    const decisions = decisionValues({ model: { kernel: task.kernel, ...fitted }, crossGram: shared.crossGram });
    return { id: task.id, fitted, decisions, seconds: (performance.now() - started) / 1000 };
  };
}
