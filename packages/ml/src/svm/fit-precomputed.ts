// Training on a precomputed kernel: LIBSVM then only looks kernel values up, so a whole grid of
// kernels costs one Gram matrix plus cheap element-wise transforms, and the solver itself takes
// 0.2–0.4 s on 3000 rows where LIBSVM's own kernel evaluations took 4.5–15 s.
import { kernelMatrix } from "./kernels.ts";
import { trainLibsvm } from "./libsvm.ts";
import type { BinaryLabels, ClassWeights, Gram, Kernel } from "./types.ts";

/**
 * LIBSVM's training problem holds n × (n + 2) nodes of 16 bytes in a WebAssembly heap that cannot
 * pass 2 GiB; past this many rows it would abort with an out-of-memory message from emscripten.
 */
export const MAX_TRAINING_ROWS = 9000;

export type FittedSvm = {
  coefficients: Float64Array; // supportCount: α_j·y_j, positive for FACE support vectors
  bias: number; // decision = Σ coefficients·K(x, sv) + bias, positive → FACE
  supportIndices: Int32Array; // supportCount: rows of the training set
};

/**
 * Fits a C-SVC on the training Gram matrix. `rows` lets a caller that fits several C values on one
 * kernel pass the same precomputed rows again (see precomputedRows).
 */
export async function fitPrecomputed(options: {
  gram: Gram; // n × n, the training rows' X·Xᵀ
  kernel: Kernel;
  labels: BinaryLabels; // n
  C: number;
  classWeights: ClassWeights;
  rows?: Float64Array[]; // n rows of n + 1 values, from precomputedRows for this gram and kernel
  tolerance?: number;
  cacheSizeMb?: number;
}): Promise<FittedSvm> {
  const { gram, kernel, labels, C, classWeights } = options;
  if (gram.rows !== gram.cols || gram.rows !== labels.length) {
    throw new RangeError(`the training Gram matrix is ${gram.rows} × ${gram.cols} for ${labels.length} labels`);
  }
  if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`C must be a positive number, got ${C}`);
  const rows = options.rows ?? precomputedRows({ gram, kernel });
  const raw = await trainLibsvm({
    samples: rows,
    labels,
    kernel: "PRECOMPUTED",
    C,
    weights: { "0": classWeights.negative, "1": classWeights.positive },
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(options.cacheSizeMb === undefined ? {} : { cacheSizeMb: options.cacheSizeMb }),
  });
  // LIBSVM's decision is positive for whichever label it met first; make positive mean FACE.
  const sign = raw.labels[0] === 1 ? 1 : -1;
  return {
    coefficients: sign === 1 ? raw.coefficients : raw.coefficients.map((value) => -value),
    bias: -sign * raw.rho,
    supportIndices: raw.supportIndices,
  };
}

/** LIBSVM's precomputed training rows: [serial from 1, K(i, 1), …, K(i, n)], views of one buffer. */
export function precomputedRows(options: { gram: Gram; kernel: Kernel; buffer?: Float64Array }): Float64Array[] {
  const { gram, kernel } = options;
  const n = gram.rows;
  if (n > MAX_TRAINING_ROWS) {
    throw new RangeError(`${n} training rows is more than the ${MAX_TRAINING_ROWS} that LIBSVM's 2 GiB WebAssembly heap holds with a precomputed kernel; subsample the training set`);
  }
  const stride = n + 1;
  const buffer = options.buffer ?? new Float64Array(n * stride);
  if (buffer.length < n * stride) throw new RangeError(`the row buffer holds ${buffer.length} values, ${n * stride} are needed`);
  kernelMatrix({ gram, kernel, out: buffer, stride, offset: 1 });
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    buffer[i * stride] = i + 1;
    rows.push(buffer.subarray(i * stride, (i + 1) * stride));
  }
  return rows;
}
