import { countRows } from "./gram.ts";
import type { FeatureRows, Standardiser } from "./types.ts";

/**
 * Per-dimension mean and standard deviation (population, as scikit-learn's StandardScaler), fitted
 * on training rows only so that nothing about validation or test rows leaks into the model.
 * Optional: on pooled CNN features it usually hurt in the feature study.
 */
export function fitStandardiser(options: { features: FeatureRows; dimensions: number }): Standardiser {
  const { features, dimensions } = options;
  const rows = countRows(features, dimensions, "features");
  if (rows === 0) throw new RangeError("cannot fit a standardiser on no rows");
  const mean = new Float64Array(dimensions);
  const scale = new Float64Array(dimensions);
  for (let i = 0; i < rows; i++) for (let k = 0; k < dimensions; k++) mean[k] = (mean[k] as number) + (features[i * dimensions + k] as number);
  for (let k = 0; k < dimensions; k++) mean[k] = (mean[k] as number) / rows;
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < dimensions; k++) {
      const centred = (features[i * dimensions + k] as number) - (mean[k] as number);
      scale[k] = (scale[k] as number) + centred * centred;
    }
  }
  // A constant dimension keeps scale 1 (scikit-learn does the same) instead of dividing by zero.
  for (let k = 0; k < dimensions; k++) scale[k] = Math.sqrt((scale[k] as number) / rows) || 1;
  return { mean, scale };
}

/** (x − mean) / scale for every row. */
export function standardiseRows(options: { features: FeatureRows; dimensions: number; standardiser: Standardiser }): Float64Array {
  const { features, dimensions, standardiser } = options;
  if (standardiser.mean.length !== dimensions) throw new RangeError(`the standardiser has ${standardiser.mean.length} dimensions, the rows ${dimensions}`);
  const rows = countRows(features, dimensions, "features");
  const out = new Float64Array(rows * dimensions);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < dimensions; k++) {
      const at = i * dimensions + k;
      out[at] = ((features[at] as number) - (standardiser.mean[k] as number)) / (standardiser.scale[k] as number);
    }
  }
  return out;
}
