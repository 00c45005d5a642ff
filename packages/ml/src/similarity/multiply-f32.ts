// A · Bᵀ in float32 through onnxruntime's CPU provider (a one-node Gemm graph, transB = 1, one intra-op
// thread per core). Similarity search needs no float64: cosine thresholds like 0.95 are far coarser
// than float32's rounding (about 1e-7 per unit-length dot product), and float32 halves both the
// memory and the time of svm/gemm.ts's float64 product.
import { availableParallelism } from "node:os";
import onnxProto from "onnx-proto";
import { InferenceSession, Tensor } from "onnxruntime-node";

const { onnx } = onnxProto;

let session: Promise<InferenceSession> | null = null;

/** The session, created on first use and reused (creating one takes a few milliseconds). */
function gemmSession(): Promise<InferenceSession> {
  session ??= InferenceSession.create(buildGemmModel(), {
    intraOpNumThreads: availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  }).catch((error: unknown) => {
    session = null; // a later call may try again
    throw new Error(`could not create the onnxruntime float32 Gemm session for similarities: ${String(error)}`, { cause: error });
  });
  return session;
}

function buildGemmModel(): Uint8Array {
  const float = onnx.TensorProto.DataType.FLOAT;
  const matrix = (name: string, rows: string, cols: string) => ({
    name,
    type: { tensorType: { elemType: float, shape: { dim: [{ dimParam: rows }, { dimParam: cols }] } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "kao-similarity",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "similarity",
      node: [{ opType: "Gemm", input: ["A", "B"], output: ["C"], attribute: [{ name: "transB", type: onnx.AttributeProto.AttributeType.INT, i: 1 }] }],
      input: [matrix("A", "n", "d"), matrix("B", "m", "d")],
      output: [matrix("C", "n", "m")],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** C = A · Bᵀ (leftRows × rightRows, row-major). Views into larger arrays (subarray) are fine. */
export async function multiplyTransposedF32(options: {
  left: Float32Array; // leftRows × dimensions, row-major
  right: Float32Array; // rightRows × dimensions, row-major
  dimensions: number;
}): Promise<Float32Array> {
  const { left, right, dimensions } = options;
  const leftRows = left.length / dimensions;
  const rightRows = right.length / dimensions;
  const gemm = await gemmSession();
  const a = new Tensor("float32", left, [leftRows, dimensions]);
  const b = right === left ? a : new Tensor("float32", right, [rightRows, dimensions]);
  const outputs = await gemm.run({ A: a, B: b });
  const product = outputs["C"];
  if (product === undefined || !(product.data instanceof Float32Array) || product.data.length !== leftRows * rightRows) {
    throw new Error(`the Gemm graph returned no ${leftRows} × ${rightRows} float32 matrix`);
  }
  return product.data;
}
