import type { Backbone } from "@kao/db";
import type { SplitMetrics } from "./contracts.ts";
import { compareKernels, type RunView } from "./run-view.ts";

export interface ResultsRow {
  backbone: Backbone;
  /** "linear", "rbf" or "poly-<degree>". */
  kernel: string;
  /** The row's run: the kernel's best on VAL. */
  run: RunView;
  train: SplitMetrics | null;
  val: SplitMetrics | null;
  test: SplitMetrics | null;
  distinct: SplitMetrics | null;
}

/**
 * The paper's tables from a set of runs: one row per backbone × kernel, holding the run that did best
 * on VAL (balanced accuracy, then accuracy, then the smaller C), never the best on TEST: choosing by the
 * test set would report an optimistic number. Table 1 is its train/val/test columns, Table 2 distinct.
 */
export function buildResultsTable(runs: readonly RunView[]): ResultsRow[] {
  const best = new Map<string, RunView>();
  for (const run of runs) {
    if (!run.params || !run.metrics?.VAL) continue;
    const key = `${run.backboneId}:${run.params.variant}`;
    const current = best.get(key);
    if (!current || isBetterOnVal(run, current)) best.set(key, run);
  }
  return [...best.values()]
    .sort((a, b) => a.backbone.name.localeCompare(b.backbone.name) || compareKernels(a, b))
    .map((run) => ({
      backbone: run.backbone,
      kernel: run.params?.variant ?? run.kernel.toLowerCase(),
      run,
      train: run.metrics?.TRAIN ?? null,
      val: run.metrics?.VAL ?? null,
      test: run.metrics?.TEST ?? null,
      distinct: run.metrics?.DISTINCT ?? null,
    }));
}

function isBetterOnVal(a: RunView, b: RunView): boolean {
  const [x, y] = [a.metrics?.VAL, b.metrics?.VAL];
  if (!x || !y) return Boolean(x);
  if (x.balancedAccuracy !== y.balancedAccuracy) return x.balancedAccuracy > y.balancedAccuracy;
  if (x.accuracy !== y.accuracy) return x.accuracy > y.accuracy;
  return (a.params?.C ?? 0) < (b.params?.C ?? 0);
}
