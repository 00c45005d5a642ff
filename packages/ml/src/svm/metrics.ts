import type { BinaryLabels } from "./types.ts";

/** Counts with FACE (label 1) as the positive class. */
export type ConfusionMatrix = { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };

export type ClassificationMetrics = {
  count: number;
  confusion: ConfusionMatrix;
  accuracy: number;
  /** Mean of the recalls of the classes present in `labels` (scikit-learn's balanced_accuracy_score). */
  balancedAccuracy: number;
  /** TP / (TP + FP); 0 when nothing was predicted FACE (scikit-learn's zero_division default). */
  precision: number;
  /** TP / (TP + FN), the FACE recall; 0 when there is no FACE row. */
  recall: number;
  /** No-face recall, TN / (TN + FP): what class-balanced weights protect. */
  specificity: number;
  /** 2PR / (P + R); 0 when both are 0. */
  f1: number;
};

export function computeMetrics(options: {
  labels: BinaryLabels; // n: the truth
  predicted: BinaryLabels; // n
}): ClassificationMetrics {
  const { labels, predicted } = options;
  if (labels.length !== predicted.length) throw new RangeError(`${labels.length} labels but ${predicted.length} predictions`);
  if (labels.length === 0) throw new RangeError("metrics need at least one row");
  const confusion: ConfusionMatrix = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i];
    const guess = predicted[i];
    if ((truth !== 0 && truth !== 1) || (guess !== 0 && guess !== 1)) throw new RangeError(`labels and predictions must be 0 or 1, got ${truth} and ${guess} at row ${i}`);
    if (truth === 1) guess === 1 ? confusion.truePositives++ : confusion.falseNegatives++;
    else guess === 1 ? confusion.falsePositives++ : confusion.trueNegatives++;
  }
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = confusion;
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const recall = ratio(tp, tp + fn);
  const specificity = ratio(tn, tn + fp);
  const precision = ratio(tp, tp + fp);
  const presentRecalls = [tp + fn > 0 ? recall : null, tn + fp > 0 ? specificity : null].filter((value) => value !== null);
  return {
    count: labels.length,
    confusion,
    accuracy: (tp + tn) / labels.length,
    balancedAccuracy: presentRecalls.reduce((sum, value) => sum + value, 0) / presentRecalls.length,
    precision,
    recall,
    specificity,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}
