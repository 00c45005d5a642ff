export type Pooling = "MAX" | "AVG";

/**
 * Global pooling of one image's feature map to one number per channel, as in the paper
 * (a conv block's C × H × W output becomes a C-dimensional descriptor).
 *
 * `featureMap` is C × H × W, row-major (NCHW with N = 1), as onnxruntime returns it.
 */
export function poolFeatureMap(options: {
  featureMap: Float32Array; // channels × height × width
  channels: number;
  height: number;
  width: number;
  pooling: Pooling;
}): Float32Array {
  const { featureMap, channels, height, width, pooling } = options;
  const area = height * width;
  if (!Number.isInteger(channels) || !Number.isInteger(area) || channels <= 0 || area <= 0) {
    throw new RangeError(`feature map shape must be positive integers, got ${channels} × ${height} × ${width}`);
  }
  if (featureMap.length !== channels * area) {
    throw new RangeError(`feature map has ${featureMap.length} values, expected ${channels} × ${height} × ${width} = ${channels * area}`);
  }
  const pooled = new Float32Array(channels); // channels
  for (let c = 0; c < channels; c++) {
    const start = c * area;
    let acc = pooling === "MAX" ? -Infinity : 0;
    for (let i = start; i < start + area; i++) {
      const value = featureMap[i] as number;
      acc = pooling === "MAX" ? (value > acc ? value : acc) : acc + value;
    }
    pooled[c] = pooling === "MAX" ? acc : acc / area;
  }
  return pooled;
}
