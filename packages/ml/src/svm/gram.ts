// Dot products between feature rows, computed once and turned into any kernel's matrix afterwards
// (see kernels.ts): a whole grid of linear, RBF and polynomial SVMs needs X·Xᵀ and nothing else.
import { multiplyTransposed } from "./gemm.ts";
import type { FeatureRows, Gram, TrainingGram } from "./types.ts";

/** X·Xᵀ of the training rows, their squared norms and the variance of all entries (for gamma 'scale'). */
export async function computeGram(options: {
  features: FeatureRows; // rows × dimensions, row-major
  dimensions: number;
  /** Put the values in a SharedArrayBuffer, so that worker threads can read them without a copy. */
  shared?: boolean;
}): Promise<TrainingGram> {
  const { features, dimensions, shared = false } = options;
  const rows = countRows(features, dimensions, "features");
  const x = toFloat64(features);
  const product = rows === 0 ? new Float64Array(0) : await multiplyTransposed({ left: x, right: x, dimensions });
  const values = shared ? copyToShared(product) : product;
  // The diagonal, not a separate sum: then ‖x_i‖² + ‖x_i‖² − 2 x_i·x_i is exactly 0, as in LIBSVM,
  // whose squared norms come from the same dot product as its kernel values.
  const norms = allocate(rows, shared);
  for (let i = 0; i < rows; i++) norms[i] = values[i * rows + i] ?? 0;
  return { rows, cols: rows, values, rowSquaredNorms: norms, colSquaredNorms: norms, dimensions, featureVariance: variance(x) };
}

/** A·Bᵀ between other rows (validation, test, new frames) and training rows or support vectors. */
export async function computeCrossGram(options: {
  left: FeatureRows; // leftRows × dimensions: the rows to classify
  right: FeatureRows; // rightRows × dimensions: the training rows or support vectors
  dimensions: number;
  shared?: boolean;
}): Promise<Gram> {
  const { dimensions, shared = false } = options;
  const rows = countRows(options.left, dimensions, "left");
  const cols = countRows(options.right, dimensions, "right");
  const left = toFloat64(options.left);
  const right = toFloat64(options.right);
  const product = rows === 0 || cols === 0 ? new Float64Array(0) : await multiplyTransposed({ left, right, dimensions });
  return {
    rows,
    cols,
    values: shared ? copyToShared(product) : product,
    rowSquaredNorms: squaredNorms(left, dimensions, shared),
    colSquaredNorms: squaredNorms(right, dimensions, shared),
  };
}

/** Each row's ‖x‖², summed in order in float64 (as LIBSVM's dot does). */
export function squaredNorms(features: Float64Array, dimensions: number, shared = false): Float64Array {
  const rows = features.length / dimensions;
  const norms = allocate(rows, shared);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let k = i * dimensions, end = k + dimensions; k < end; k++) {
      const value = features[k] as number;
      sum += value * value;
    }
    norms[i] = sum;
  }
  return norms;
}

/** Variance of all entries, two-pass (as numpy's X.var(), which scikit-learn's gamma 'scale' uses). */
function variance(x: Float64Array): number {
  if (x.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] as number;
  const mean = sum / x.length;
  let squares = 0;
  for (let i = 0; i < x.length; i++) {
    const centred = (x[i] as number) - mean;
    squares += centred * centred;
  }
  return squares / x.length;
}

export function countRows(features: FeatureRows, dimensions: number, name: string): number {
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  const rows = features.length / dimensions;
  if (!Number.isInteger(rows)) throw new RangeError(`${name} has ${features.length} values, not a whole number of ${dimensions}-dimensional rows`);
  return rows;
}

function toFloat64(features: FeatureRows): Float64Array {
  return features instanceof Float64Array ? features : Float64Array.from(features);
}

function allocate(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(length);
}

function copyToShared(values: Float64Array): Float64Array {
  const copy = allocate(values.length, true);
  copy.set(values);
  return copy;
}
