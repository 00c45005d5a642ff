// Kernel values from dot products, with LIBSVM's (and so scikit-learn's) formulas:
//   linear  K = x·y
//   rbf     K = exp(−γ (‖x‖² + ‖y‖² − 2 x·y))
//   poly    K = (γ x·y + coef0)^degree, the power taken by repeated squaring as LIBSVM's powi does.
import type { Gram, Kernel, KernelSpec } from "./types.ts";

/** Fixes gamma ('scale' = 1 / (d · var X), scikit-learn's default) and coef0 (default 0). */
export function resolveKernel(options: { kernel: KernelSpec; dimensions: number; featureVariance: number }): Kernel {
  const { kernel, dimensions, featureVariance } = options;
  if (kernel.type === "linear") return { type: "linear" };
  const gamma = kernel.gamma === undefined || kernel.gamma === "scale" ? scaleGamma(dimensions, featureVariance) : kernel.gamma;
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`gamma must be a positive number, got ${gamma}`);
  if (kernel.type === "rbf") return { type: "rbf", gamma };
  if (!Number.isInteger(kernel.degree) || kernel.degree < 1) throw new RangeError(`a polynomial kernel's degree must be a positive integer, got ${kernel.degree}`);
  const coef0 = kernel.coef0 ?? 0;
  if (!Number.isFinite(coef0)) throw new RangeError(`coef0 must be a finite number, got ${coef0}`);
  return { type: "poly", degree: kernel.degree, gamma, coef0 };
}

function scaleGamma(dimensions: number, featureVariance: number): number {
  // scikit-learn falls back to 1 when every entry is the same.
  return featureVariance > 0 ? 1 / (dimensions * featureVariance) : 1;
}

/** One kernel value from a dot product and the two rows' squared norms. */
export function kernelValue(kernel: Kernel, dot: number, squaredNormA: number, squaredNormB: number): number {
  switch (kernel.type) {
    case "linear":
      return dot;
    case "rbf":
      return Math.exp(-kernel.gamma * (squaredNormA + squaredNormB - 2 * dot));
    case "poly":
      return powi(kernel.gamma * dot + kernel.coef0, kernel.degree);
  }
}

/**
 * The kernel matrix K[i, j] = K(a_i, b_j) of a Gram matrix, written into `out` at
 * out[offset + i·stride + j] (by default a new rows × cols matrix). The stride and offset let the
 * trainer write LIBSVM's precomputed rows, [serial, K(i, 1..n)], without another copy.
 */
export function kernelMatrix(options: {
  gram: Gram;
  kernel: Kernel;
  out?: Float64Array; // at least offset + (rows − 1)·stride + cols values
  stride?: number;
  offset?: number;
}): Float64Array {
  const { gram, kernel } = options;
  const { rows, cols, values, rowSquaredNorms, colSquaredNorms } = gram;
  const stride = options.stride ?? cols;
  const offset = options.offset ?? 0;
  const out = options.out ?? new Float64Array(rows * cols);
  if (stride < cols || offset < 0 || (rows > 0 && out.length < offset + (rows - 1) * stride + cols)) {
    throw new RangeError(`kernelMatrix: output of ${out.length} values cannot hold ${rows} × ${cols} at stride ${stride}, offset ${offset}`);
  }
  // One loop per kernel type, so that the innermost loop does not branch.
  for (let i = 0; i < rows; i++) {
    const from = i * cols;
    const to = offset + i * stride;
    if (kernel.type === "linear") {
      out.set(values.subarray(from, from + cols), to);
    } else if (kernel.type === "rbf") {
      const { gamma } = kernel;
      const normA = rowSquaredNorms[i] as number;
      for (let j = 0; j < cols; j++) {
        out[to + j] = Math.exp(-gamma * (normA + (colSquaredNorms[j] as number) - 2 * (values[from + j] as number)));
      }
    } else {
      const { gamma, coef0, degree } = kernel;
      for (let j = 0; j < cols; j++) out[to + j] = powi(gamma * (values[from + j] as number) + coef0, degree);
    }
  }
  return out;
}

/** base^times for a positive integer `times`, by repeated squaring as LIBSVM computes it. */
export function powi(base: number, times: number): number {
  let result = 1;
  let power = base;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) result *= power;
    power *= power;
  }
  return result;
}
