import { balancedClassWeights, countClasses } from "./class-weights.ts";
import { fitPrecomputed, MAX_TRAINING_ROWS } from "./fit-precomputed.ts";
import { computeGram, countRows } from "./gram.ts";
import { resolveKernel } from "./kernels.ts";
import { fitStandardiser, standardiseRows } from "./standardise.ts";
import type { BinaryLabels, ClassWeights, FeatureRows, KernelSpec, Standardiser, SvmModel, TrainingGram } from "./types.ts";

/**
 * Trains a two-class C-SVC (LIBSVM through libsvm-js) on a precomputed kernel. Class-balanced
 * weights are the default. Pass `gram` (computeGram of the same features) to reuse one Gram matrix
 * across several trainings; it cannot be combined with `standardise`, which changes the rows.
 */
export async function trainSvm(options: {
  features: FeatureRows; // n × dimensions, row-major
  dimensions: number;
  labels: BinaryLabels; // n: 1 = FACE, 0 = no face
  kernel: KernelSpec;
  C: number;
  classWeights?: "balanced" | "none";
  standardise?: boolean;
  gram?: TrainingGram;
  tolerance?: number;
  cacheSizeMb?: number;
}): Promise<SvmModel> {
  const { dimensions, labels, C } = options;
  const rows = countRows(options.features, dimensions, "features");
  if (labels.length !== rows) throw new RangeError(`${labels.length} labels for ${rows} feature rows`);
  if (options.gram && options.standardise) throw new Error("trainSvm: pass either a precomputed gram or standardise, not both (the Gram matrix must be of the standardised rows)");
  countClasses(labels);
  if (rows > MAX_TRAINING_ROWS) throw new RangeError(`${rows} training rows is more than the ${MAX_TRAINING_ROWS} a precomputed kernel holds in LIBSVM's WebAssembly heap; subsample the training set`);

  const standardiser: Standardiser | null = options.standardise ? fitStandardiser({ features: options.features, dimensions }) : null;
  const features = standardiser ? standardiseRows({ features: options.features, dimensions, standardiser }) : options.features;
  const gram = options.gram ?? (await computeGram({ features, dimensions }));
  if (gram.rows !== rows || gram.dimensions !== dimensions) throw new RangeError(`the Gram matrix is of ${gram.rows} rows × ${gram.dimensions} dimensions, the features ${rows} × ${dimensions}`);

  const kernel = resolveKernel({ kernel: options.kernel, dimensions, featureVariance: gram.featureVariance });
  const classWeights: ClassWeights = (options.classWeights ?? "balanced") === "balanced" ? balancedClassWeights(labels) : { negative: 1, positive: 1 };
  const fitted = await fitPrecomputed({
    gram,
    kernel,
    labels,
    C,
    classWeights,
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(options.cacheSizeMb === undefined ? {} : { cacheSizeMb: options.cacheSizeMb }),
  });
  return { kernel, C, classWeights, dimensions, ...fitted, supportVectors: gatherRows(features, dimensions, fitted.supportIndices), standardiser };
}

/** The listed rows, in order, in the rows' own precision. */
export function gatherRows(features: FeatureRows, dimensions: number, indices: Int32Array): FeatureRows {
  const out = features instanceof Float32Array ? new Float32Array(indices.length * dimensions) : new Float64Array(indices.length * dimensions);
  indices.forEach((row, k) => out.set(features.subarray(row * dimensions, (row + 1) * dimensions), k * dimensions));
  return out;
}
