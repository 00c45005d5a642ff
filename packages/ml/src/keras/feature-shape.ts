import type { OnnxDim } from "../onnx/index.ts";

/**
 * A converted tensor's shape without the batch: image tensors are NCHW in the ONNX graph (Keras's
 * NHWC `[h, w, c]` becomes `[c, h, w]`), vectors are N × units.
 */
export type FeatureShape =
  | { rank: 4; channels: number; height: number; width: number }
  | { rank: 2; units: number };

export interface TensorRef {
  name: string;
  shape: FeatureShape;
}

export const BATCH_DIM = "N";

export function toOnnxDims(shape: FeatureShape): OnnxDim[] {
  return shape.rank === 4 ? [BATCH_DIM, shape.channels, shape.height, shape.width] : [BATCH_DIM, shape.units];
}

export function describeShape(shape: FeatureShape): string {
  return shape.rank === 4 ? `N × ${shape.channels} × ${shape.height} × ${shape.width} (NCHW)` : `N × ${shape.units}`;
}

/** Maps a Keras axis of a channels-last tensor (negative allowed) to the ONNX axis of our layout. */
export function toOnnxAxis(kerasAxis: number, rank: 2 | 4): number {
  const axis = kerasAxis < 0 ? kerasAxis + rank : kerasAxis;
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) throw new RangeError(`axis ${kerasAxis} is out of range for a rank-${rank} tensor`);
  // NHWC axis → NCHW axis: N→0, H→2, W→3, C→1
  return rank === 4 ? ([0, 2, 3, 1][axis] ?? axis) : axis;
}
