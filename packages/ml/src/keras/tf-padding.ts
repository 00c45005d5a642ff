export type PaddingMode = "valid" | "same";

export interface Padding1D {
  outputSize: number;
  padBegin: number;
  padEnd: number;
}

/**
 * One spatial dimension of a TensorFlow convolution or pooling. `same` gives ceil(size / stride)
 * outputs and puts the odd padding cell at the end (TF's rule; ONNX's explicit pads let us match it).
 */
export function computeTfPadding(options: { size: number; kernel: number; stride: number; dilation?: number; mode: PaddingMode }): Padding1D {
  const { size, kernel, stride, mode } = options;
  const effectiveKernel = (kernel - 1) * (options.dilation ?? 1) + 1;
  if (mode === "valid") {
    const outputSize = Math.ceil((size - effectiveKernel + 1) / stride);
    if (outputSize < 1) throw new RangeError(`a ${kernel}-wide window (dilated to ${effectiveKernel}) does not fit in ${size} cells with valid padding`);
    return { outputSize, padBegin: 0, padEnd: 0 };
  }
  const outputSize = Math.ceil(size / stride);
  const total = Math.max((outputSize - 1) * stride + effectiveKernel - size, 0);
  const padBegin = Math.floor(total / 2);
  return { outputSize, padBegin, padEnd: total - padBegin };
}
