// Decision values for many candidate frames with one model, page after page: what active learning does
// to a whole dataset after each training run. predictSvm (svm/decision.ts) is right for one call; for
// hundreds of pages it would convert the support vectors to float64 and sum their norms again on each
// page, and evaluate the kernel one value at a time in JavaScript. The scorer prepares the support vectors
// once and runs products, kernel and sum as one onnxruntime graph (decision-graph.ts); a linear model is
// folded into one weight vector (w = Σ coefficients[j] · sv_j), so a page costs rows × dimensions instead
// of rows × supportCount × dimensions. Results equal predictSvm's up to float64 rounding (sums run in
// another order).
import { squaredNorms } from "../svm/gram.ts";
import { standardiseRows } from "../svm/standardise.ts";
import type { FeatureRows, SvmModel } from "../svm/types.ts";
import { runDecisionGraph } from "./decision-graph.ts";

/** Scores one page of candidates: rows × model.dimensions in, one signed decision per row out (positive = FACE). */
export type CandidateScorer = (features: FeatureRows) => Promise<Float64Array>;

export function createCandidateScorer(model: SvmModel): CandidateScorer {
  const { kernel, coefficients, bias, dimensions, standardiser } = model;
  const supportCount = coefficients.length;
  if (model.supportVectors.length !== supportCount * dimensions) {
    throw new RangeError(`the model has ${model.supportVectors.length} support-vector values for ${supportCount} support vectors of ${dimensions} dimensions`);
  }
  const support = Float64Array.from(model.supportVectors); // supportCount × dimensions
  const weights = kernel.type === "linear" ? foldLinear(support, coefficients, dimensions) : new Float64Array(0); // dimensions, linear only
  const supportNorms = squaredNorms(support, dimensions); // supportCount

  return async (input) => {
    const rows = input.length / dimensions;
    if (!Number.isInteger(rows)) throw new RangeError(`${input.length} feature values are not whole rows of ${dimensions} dimensions`);
    const features = standardiser ? standardiseRows({ features: input, dimensions, standardiser }) : input;
    const decisions = new Float64Array(rows);
    if (rows === 0) return decisions;
    if (kernel.type === "linear") {
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        for (let k = 0, at = i * dimensions; k < dimensions; k++, at++) sum += (features[at] as number) * (weights[k] as number);
        decisions[i] = sum + bias;
      }
      return decisions;
    }
    if (supportCount === 0) return decisions.fill(bias);
    const left = features instanceof Float64Array ? features : Float64Array.from(features);
    return runDecisionGraph({ kernel, features: left, support, supportNorms, coefficients, bias, dimensions });
  };
}

/** w = Σ_j coefficients[j] · sv_j: the linear SVM as one hyperplane. */
function foldLinear(support: Float64Array, coefficients: Float64Array, dimensions: number): Float64Array {
  const weights = new Float64Array(dimensions);
  for (let j = 0; j < coefficients.length; j++) {
    const coefficient = coefficients[j] as number;
    for (let k = 0, at = j * dimensions; k < dimensions; k++, at++) weights[k] = (weights[k] as number) + coefficient * (support[at] as number);
  }
  return weights;
}
