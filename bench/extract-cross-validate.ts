// k-fold cross-validation of one SVM configuration on feature rows, with kao's own SVM (trainSvm,
// predictSvm) and folds (assignGroupFolds: stratified by label, each group kept in one fold).
import { assignGroupFolds, computeMetrics, predictSvm, trainSvm, type ClassificationMetrics, type FeatureRows, type KernelSpec } from "@kao/ml";

export type CrossValidation = {
  /** Each fold's metrics on its held-out rows. */
  perFold: ClassificationMetrics[];
  balancedAccuracy: { mean: number; sd: number }; // over the folds, as scikit-learn's cross_val_score reports it
  /** Every row scored by the model that did not see it, pooled into one confusion matrix. */
  outOfFold: ClassificationMetrics;
};

export async function crossValidate(options: {
  features: FeatureRows; // n × dimensions, row-major
  dimensions: number;
  labels: Uint8Array; // n: 1 = FACE, 0 = no face
  /** n: a scene or title per row, kept in one fold (near-copies on both sides would flatter the score); null = a row of its own. */
  groups?: readonly (string | null)[];
  folds?: number;
  kernel?: KernelSpec;
  C?: number;
}): Promise<CrossValidation> {
  const { features, dimensions, labels } = options;
  const n = labels.length;
  if (features.length !== n * dimensions) throw new RangeError(`${features.length} feature values for ${n} rows of ${dimensions} dimensions`);
  const folds = options.folds ?? 5;
  const foldOf = assignGroupFolds({ groups: options.groups ?? Array.from(labels, () => null), labels, folds });
  const predicted = new Uint8Array(n);
  const perFold: ClassificationMetrics[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const held: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === fold ? held : kept).push(i);
    if (held.length === 0) throw new RangeError(`fold ${fold + 1} of ${folds} is empty: fewer groups than folds`);
    const model = await trainSvm({
      features: gatherRows(features, dimensions, kept),
      dimensions,
      labels: Uint8Array.from(kept, (i) => labels[i] as number),
      kernel: options.kernel ?? { type: "linear" },
      C: options.C ?? 1,
      classWeights: "balanced",
    });
    const scored = await predictSvm({ model, features: gatherRows(features, dimensions, held) });
    held.forEach((row, k) => (predicted[row] = scored.predicted[k] as number));
    perFold.push(computeMetrics({ labels: Uint8Array.from(held, (i) => labels[i] as number), predicted: scored.predicted }));
  }
  const scores = perFold.map((metrics) => metrics.balancedAccuracy);
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length);
  return { perFold, balancedAccuracy: { mean, sd }, outOfFold: computeMetrics({ labels, predicted }) };
}

function gatherRows(features: FeatureRows, dimensions: number, rows: readonly number[]): FeatureRows {
  const out = features instanceof Float32Array ? new Float32Array(rows.length * dimensions) : new Float64Array(rows.length * dimensions);
  rows.forEach((row, k) => out.set(features.subarray(row * dimensions, (row + 1) * dimensions), k * dimensions));
  return out;
}
