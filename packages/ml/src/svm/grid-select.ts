import type { ClassificationMetrics } from "./metrics.ts";
import type { Kernel } from "./types.ts";

/**
 * The configuration to keep: highest validation balanced accuracy; ties go to higher accuracy,
 * then to the simpler kernel (linear, then polynomials by degree, then RBF, whose feature space is
 * infinite), then to the smaller C (the wider margin).
 */
export function selectBestConfiguration<T extends { kernel: Kernel; C: number; metrics: ClassificationMetrics }>(results: readonly T[]): T {
  let best: T | undefined;
  for (const result of results) if (best === undefined || isBetter(result, best)) best = result;
  if (best === undefined) throw new RangeError("no grid results to choose from");
  return best;
}

function isBetter(a: { kernel: Kernel; C: number; metrics: ClassificationMetrics }, b: typeof a): boolean {
  if (a.metrics.balancedAccuracy !== b.metrics.balancedAccuracy) return a.metrics.balancedAccuracy > b.metrics.balancedAccuracy;
  if (a.metrics.accuracy !== b.metrics.accuracy) return a.metrics.accuracy > b.metrics.accuracy;
  if (kernelComplexity(a.kernel) !== kernelComplexity(b.kernel)) return kernelComplexity(a.kernel) < kernelComplexity(b.kernel);
  return a.C < b.C;
}

export function kernelComplexity(kernel: Kernel): number {
  return kernel.type === "linear" ? 0 : kernel.type === "poly" ? kernel.degree : Number.POSITIVE_INFINITY;
}
