import type { ClassificationMetrics, Kernel } from "@kao/ml";

/** A row of the paper's tables: "linear", "rbf" or "poly-<degree>". */
export function kernelVariant(kernel: Kernel): string {
  return kernel.type === "poly" ? `poly-${kernel.degree}` : kernel.type;
}

/**
 * Index of the validation-best configuration of each kernel variant, by the grid's own order of
 * preference (@kao/ml's selectBestConfiguration): balanced accuracy, then accuracy, then the smaller C.
 * These are the runs that keep a model: the table's rows, and the ones an admin may publish.
 */
export function bestPerVariant(results: readonly { kernel: Kernel; C: number; metrics: ClassificationMetrics }[]): Set<number> {
  const best = new Map<string, number>();
  results.forEach((result, index) => {
    const key = kernelVariant(result.kernel);
    const current = best.get(key);
    const other = current === undefined ? undefined : results[current];
    if (other === undefined || isBetter(result, other)) best.set(key, index);
  });
  return new Set(best.values());
}

function isBetter(a: { C: number; metrics: ClassificationMetrics }, b: typeof a): boolean {
  if (a.metrics.balancedAccuracy !== b.metrics.balancedAccuracy) return a.metrics.balancedAccuracy > b.metrics.balancedAccuracy;
  if (a.metrics.accuracy !== b.metrics.accuracy) return a.metrics.accuracy > b.metrics.accuracy;
  return a.C < b.C;
}
