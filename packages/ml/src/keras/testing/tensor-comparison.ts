export interface TensorDifference {
  maxAbs: number;
  /** maxAbs / max(max |expected|, 1e-6): the error relative to the tensor's scale. */
  maxRel: number;
}

export function compareTensors(actual: Float32Array, expected: Float32Array): TensorDifference {
  if (actual.length !== expected.length) throw new Error(`tensors differ in size: ${actual.length} vs ${expected.length}`);
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const b = expected[i] as number;
    maxAbs = Math.max(maxAbs, Number.isNaN(a - b) ? Infinity : Math.abs(a - b));
    scale = Math.max(scale, Math.abs(b));
  }
  return { maxAbs, maxRel: maxAbs / Math.max(scale, 1e-6) };
}

/** n × h × w × c → n × c × h × w */
export function nhwcToNchw(values: Float32Array, dims: readonly [number, number, number, number]): Float32Array {
  const [n, h, w, c] = dims;
  const out = new Float32Array(values.length);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) out[((b * c + k) * h + y) * w + x] = values[((b * h + y) * w + x) * c + k] as number;
  return out;
}

/** Uniform values in [low, high) from a seeded generator (mulberry32), so failures reproduce. */
export function seededUniform(size: number, seed: number, low = -1, high = 1): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = low + (high - low) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}
