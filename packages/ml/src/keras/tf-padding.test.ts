import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTfPadding } from "./tf-padding.ts";

describe("computeTfPadding", () => {
  it("pads `same` windows as TensorFlow does, the odd cell at the end", () => {
    expect(computeTfPadding({ size: 10, kernel: 2, stride: 2, mode: "same" })).toEqual({ outputSize: 5, padBegin: 0, padEnd: 0 });
    expect(computeTfPadding({ size: 11, kernel: 2, stride: 2, mode: "same" })).toEqual({ outputSize: 6, padBegin: 0, padEnd: 1 });
    expect(computeTfPadding({ size: 10, kernel: 4, stride: 1, mode: "same" })).toEqual({ outputSize: 10, padBegin: 1, padEnd: 2 });
    expect(computeTfPadding({ size: 224, kernel: 3, stride: 2, mode: "same" })).toEqual({ outputSize: 112, padBegin: 0, padEnd: 1 });
    expect(computeTfPadding({ size: 9, kernel: 3, stride: 1, dilation: 2, mode: "same" })).toEqual({ outputSize: 9, padBegin: 2, padEnd: 2 });
  });

  it("fits `valid` windows without padding and refuses windows larger than the input", () => {
    expect(computeTfPadding({ size: 299, kernel: 3, stride: 2, mode: "valid" })).toEqual({ outputSize: 149, padBegin: 0, padEnd: 0 });
    expect(computeTfPadding({ size: 8, kernel: 8, stride: 8, mode: "valid" })).toEqual({ outputSize: 1, padBegin: 0, padEnd: 0 });
    expect(() => computeTfPadding({ size: 4, kernel: 3, stride: 1, dilation: 2, mode: "valid" })).toThrow(/does not fit in 4 cells/);
  });

  it("always covers the input exactly: the last window ends at the padded edge", () => {
    const window = fc.record({ size: fc.integer({ min: 1, max: 64 }), kernel: fc.integer({ min: 1, max: 7 }), stride: fc.integer({ min: 1, max: 4 }), dilation: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(window, ({ size, kernel, stride, dilation }) => {
        const { outputSize, padBegin, padEnd } = computeTfPadding({ size, kernel, stride, dilation, mode: "same" });
        const span = (kernel - 1) * dilation + 1;
        expect(outputSize).toBe(Math.ceil(size / stride));
        expect(padEnd - padBegin === 0 || padEnd - padBegin === 1).toBe(true);
        // ONNX's output size for these pads is the same as TensorFlow's
        expect(Math.floor((size + padBegin + padEnd - span) / stride) + 1).toBe(outputSize);
      }),
    );
  });
});
