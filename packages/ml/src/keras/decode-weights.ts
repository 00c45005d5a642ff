import type { WeightSpec } from "./model-json-schema.ts";

/** A weight as Keras holds it: float32, row-major in Keras's layout (e.g. Conv2D kernel kh × kw × cin × cout). */
export interface KerasWeight {
  shape: readonly number[];
  values: Float32Array;
}

/**
 * Splits the joined weight buffer into tensors, in manifest order, dequantising as tfjs's loader
 * does: uint8/uint16 codes become `code * scale + min` (computed in double, stored as float32).
 */
export function decodeWeights(specs: readonly WeightSpec[], data: Uint8Array): Map<string, KerasWeight> {
  const weights = new Map<string, KerasWeight>();
  const expectedBytes = specs.reduce((sum, spec) => sum + byteLength(spec), 0);
  if (expectedBytes !== data.byteLength) {
    throw new Error(`the weights manifest describes ${expectedBytes} bytes but the shards hold ${data.byteLength}: a shard is truncated, corrupt or from another model`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  for (const spec of specs) {
    if (weights.has(spec.name)) throw new Error(`weight "${spec.name}" appears twice in the weights manifest`);
    weights.set(spec.name, { shape: spec.shape, values: decodeWeight(spec, view, offset) });
    offset += byteLength(spec);
  }
  return weights;
}

function byteLength(spec: WeightSpec): number {
  const storage = spec.quantization?.dtype ?? spec.dtype;
  const bytesPerValue = spec.dtype !== "float32" ? undefined : storage === "float32" ? 4 : storage === "uint8" ? 1 : storage === "uint16" || storage === "float16" ? 2 : undefined;
  if (bytesPerValue === undefined) {
    throw new Error(`weight "${spec.name}" has dtype ${spec.dtype}${spec.quantization ? ` quantised as ${spec.quantization.dtype}` : ""}; only float32 weights (optionally quantised to uint8, uint16 or float16) are supported`);
  }
  return sizeOf(spec.shape) * bytesPerValue;
}

function decodeWeight(spec: WeightSpec, view: DataView, offset: number): Float32Array {
  const size = sizeOf(spec.shape);
  const values = new Float32Array(size);
  const quantization = spec.quantization;
  if (quantization === undefined) {
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(offset + 4 * i, true);
  } else if (quantization.dtype === "float16") {
    for (let i = 0; i < size; i++) values[i] = halfToFloat(view.getUint16(offset + 2 * i, true));
  } else {
    const { min, scale } = quantization;
    if (min === undefined || scale === undefined) throw new Error(`weight "${spec.name}" is quantised to ${quantization.dtype} without min and scale`);
    const read = quantization.dtype === "uint8" ? (i: number) => view.getUint8(offset + i) : (i: number) => view.getUint16(offset + 2 * i, true);
    for (let i = 0; i < size; i++) values[i] = read(i) * scale + min;
  }
  return values;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** IEEE 754 binary16 → number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
