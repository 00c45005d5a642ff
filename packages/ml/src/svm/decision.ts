import { computeCrossGram } from "./gram.ts";
import { kernelValue } from "./kernels.ts";
import { standardiseRows } from "./standardise.ts";
import type { FeatureRows, Gram, Kernel, SvmModel } from "./types.ts";

type DecisionFunction = { kernel: Kernel; coefficients: Float64Array; bias: number };

/**
 * Decision values Σ_j coefficients[j]·K(x, sv_j) + bias (positive → FACE) from a cross Gram matrix
 * between the rows to classify and the whole training set, as the grid computes it once for the
 * validation rows. The support vectors are found among its columns by their training indices.
 */
export function decisionValues(options: {
  model: DecisionFunction & { supportIndices: Int32Array };
  crossGram: Gram; // rows × trainingRows
}): Float64Array {
  const { model, crossGram } = options;
  for (const index of model.supportIndices) {
    if (index < 0 || index >= crossGram.cols) throw new RangeError(`support vector ${index} is not among the cross Gram matrix's ${crossGram.cols} training columns`);
  }
  return decide(model, crossGram, model.supportIndices);
}

/** Classifies new feature rows with a stored model, against its own support vectors. */
export async function predictSvm(options: {
  model: SvmModel;
  features: FeatureRows; // rows × model.dimensions
}): Promise<{ decisions: Float64Array; predicted: Uint8Array }> {
  const { model } = options;
  const features = model.standardiser ? standardiseRows({ features: options.features, dimensions: model.dimensions, standardiser: model.standardiser }) : options.features;
  const crossGram = await computeCrossGram({ left: features, right: model.supportVectors, dimensions: model.dimensions });
  const decisions = decide(model, crossGram, null);
  return { decisions, predicted: labelsFromDecisions(decisions) };
}

/** 1 (FACE) where the decision is positive, as LIBSVM: a decision of exactly 0 goes to no face. */
export function labelsFromDecisions(decisions: Float64Array): Uint8Array {
  return Uint8Array.from(decisions, (decision) => (decision > 0 ? 1 : 0));
}

/** `columns[j]` is support vector j's column in the Gram matrix; null when column j is support vector j. */
function decide(model: DecisionFunction, gram: Gram, columns: Int32Array | null): Float64Array {
  const { kernel, coefficients, bias } = model;
  const supportCount = coefficients.length;
  if (columns === null && gram.cols !== supportCount) throw new RangeError(`the Gram matrix has ${gram.cols} columns for ${supportCount} support vectors`);
  const decisions = new Float64Array(gram.rows);
  for (let i = 0; i < gram.rows; i++) {
    const normA = gram.rowSquaredNorms[i] as number;
    const from = i * gram.cols;
    // Summed in support-vector order, as LIBSVM does, then the bias.
    let sum = 0;
    for (let j = 0; j < supportCount; j++) {
      const column = columns === null ? j : (columns[j] as number);
      sum += (coefficients[j] as number) * kernelValue(kernel, gram.values[from + column] as number, normA, gram.colSquaredNorms[column] as number);
    }
    decisions[i] = sum + bias;
  }
  return decisions;
}
