import { predictSvm, trainSvm } from "../svm/index.ts";
import type { FeatureRows, KernelSpec } from "../svm/types.ts";
import { assignGroupFolds } from "./folds.ts";

/**
 * Out-of-fold decision values: each row is scored by a model that never saw it (nor its scene). A
 * label that the rest of the data contradicts shows up as a large decision of the other sign, which
 * the model trained on everything would hide by bending around the row.
 * Rows of a fold whose training part lacks a class stay NaN (no model can be fitted for them).
 */
export async function crossValidatedDecisions(options: {
  features: FeatureRows; // n × dimensions, row-major
  dimensions: number;
  labels: Uint8Array; // n: 1 = FACE, 0 = no face
  groups: readonly (string | null)[]; // n: scene of each row
  kernel: KernelSpec;
  C: number;
  classWeights?: "balanced" | "none";
  standardise?: boolean;
  /** Default 5, fewer when there are fewer groups. */
  folds?: number;
}): Promise<Float64Array> {
  const { features, dimensions, labels, groups } = options;
  const n = labels.length;
  if (features.length !== n * dimensions) throw new RangeError(`${features.length} feature values for ${n} rows of ${dimensions} dimensions`);
  const decisions = new Float64Array(n).fill(Number.NaN);
  const groupCount = new Set(groups.map((group, i) => group ?? `row:${i}`)).size;
  const folds = Math.min(options.folds ?? 5, groupCount);
  if (folds < 2) return decisions;
  const foldOf = assignGroupFolds({ groups, labels, folds });
  for (let fold = 0; fold < folds; fold++) {
    const held: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === fold ? held : kept).push(i);
    const keptLabels = Uint8Array.from(kept, (i) => labels[i] as number);
    const positives = keptLabels.reduce((sum, label) => sum + label, 0);
    if (held.length === 0 || positives === 0 || positives === kept.length) continue;
    const model = await trainSvm({
      features: gather(features, dimensions, kept),
      dimensions,
      labels: keptLabels,
      kernel: options.kernel,
      C: options.C,
      classWeights: options.classWeights ?? "balanced",
      standardise: options.standardise ?? false,
    });
    const { decisions: scored } = await predictSvm({ model, features: gather(features, dimensions, held) });
    held.forEach((row, k) => (decisions[row] = scored[k] as number));
  }
  return decisions;
}

function gather(features: FeatureRows, dimensions: number, rows: readonly number[]): Float32Array | Float64Array {
  const out = features instanceof Float32Array ? new Float32Array(rows.length * dimensions) : new Float64Array(rows.length * dimensions);
  rows.forEach((row, k) => out.set(features.subarray(row * dimensions, (row + 1) * dimensions), k * dimensions));
  return out;
}
