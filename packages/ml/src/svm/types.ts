/**
 * Shared shapes of the SVM code. Matrices are flat, row-major typed arrays whose shapes are stated
 * next to them; labels are 1 for the positive class (FACE) and 0 for the negative one (no face).
 */

/** Feature rows as the CNN gives them (pooled channels); float64 rows are accepted too. */
export type FeatureRows = Float32Array | Float64Array; // rows × dimensions, row-major

/** One label per row: 1 = FACE (positive), 0 = no face (negative). */
export type BinaryLabels = Uint8Array; // rows

/** Dot products between two sets of rows, with each row's squared norm (what RBF needs). */
export type Gram = {
  rows: number;
  cols: number;
  values: Float64Array; // rows × cols, row-major: values[i·cols + j] = a_i · b_j
  rowSquaredNorms: Float64Array; // rows: ‖a_i‖²
  colSquaredNorms: Float64Array; // cols: ‖b_j‖²
};

/**
 * A training set's Gram matrix X·Xᵀ. It also carries the variance of all of X's entries, because
 * the 'scale' gamma (1 / (d · var X), scikit-learn's default) cannot be recovered from dot products.
 */
export type TrainingGram = Gram & { dimensions: number; featureVariance: number };

/** A kernel as asked for; gamma defaults to 'scale', coef0 to 0 (scikit-learn's and LIBSVM's defaults). */
export type KernelSpec =
  | { type: "linear" }
  | { type: "rbf"; gamma?: number | "scale" }
  | { type: "poly"; degree: number; gamma?: number | "scale"; coef0?: number };

/** A kernel with every parameter fixed to a number, as a trained model stores it. */
export type Kernel =
  | { type: "linear" }
  | { type: "rbf"; gamma: number }
  | { type: "poly"; degree: number; gamma: number; coef0: number };

export type ClassWeights = { negative: number; positive: number };

/** Per-dimension standardisation (x − mean) / scale, fitted on training rows only. */
export type Standardiser = {
  mean: Float64Array; // dimensions
  scale: Float64Array; // dimensions; 1 where a dimension is constant
};

/**
 * A trained two-class C-SVC. Its decision for a row x is Σ_j coefficients[j] · K(x, sv_j) + bias,
 * positive for FACE. The support vectors' feature rows are kept (after standardisation, if any) so
 * that the model predicts new rows without the training set.
 */
export type SvmModel = {
  kernel: Kernel;
  C: number;
  classWeights: ClassWeights;
  dimensions: number;
  bias: number;
  coefficients: Float64Array; // supportCount: α_j·y_j, signed so that a positive decision means FACE
  supportIndices: Int32Array; // supportCount: rows of the training set the support vectors came from
  supportVectors: FeatureRows; // supportCount × dimensions, row-major, in the training rows' precision
  standardiser: Standardiser | null;
};
