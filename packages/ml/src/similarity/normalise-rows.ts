/**
 * Each row divided by its Euclidean length (summed in float64), so that dot products of the result are
 * cosine similarities. A zero row (a black frame's ReLU features can be all zero) has no direction: it
 * stays zero, and its similarity to anything is 0 (so does a row with a non-finite value). `out` may
 * be `features` itself (in place), which saves a second matrix when the rows are many.
 */
export function normaliseRows(options: {
  features: Float32Array; // rows × dimensions, row-major
  dimensions: number;
  out?: Float32Array; // rows × dimensions; a new array when not given
}): Float32Array {
  const { features, dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  const rows = features.length / dimensions;
  if (!Number.isInteger(rows)) throw new RangeError(`${features.length} values are not a whole number of ${dimensions}-dimensional rows`);
  const unit = options.out ?? new Float32Array(features.length);
  if (unit.length !== features.length) throw new RangeError(`out has ${unit.length} values for ${features.length}`);
  for (let start = 0; start < features.length; start += dimensions) {
    let sum = 0;
    for (let k = start, end = start + dimensions; k < end; k++) sum += (features[k] as number) ** 2;
    if (sum === 0 || !Number.isFinite(sum)) {
      unit.fill(0, start, start + dimensions);
      continue;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let k = start, end = start + dimensions; k < end; k++) unit[k] = (features[k] as number) * scale;
  }
  return unit;
}
