// A · Bᵀ in float64 through onnxruntime's CPU provider: a one-node Gemm graph (transB = 1), run with
// one intra-op thread per core. Measured on 3000 × 1024 rows (2 cores): 0.27 s in float64, 0.17 s in
// float32, against 10.8 s for a naive JavaScript triple loop. Float64 is kept because LIBSVM and
// scikit-learn compute kernels in double, and degree-20 polynomials magnify float32's rounding.
import { availableParallelism } from "node:os";
import onnxProto from "onnx-proto";
import { InferenceSession, Tensor } from "onnxruntime-node";

const { onnx } = onnxProto;

let session: Promise<InferenceSession> | null = null;

/** The Gemm session, created on first use and reused (creating one takes a few milliseconds). */
function gemmSession(): Promise<InferenceSession> {
  session ??= InferenceSession.create(buildGemmModel(), {
    intraOpNumThreads: availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  }).catch((error: unknown) => {
    session = null; // a later call may try again
    throw new Error(`could not create the onnxruntime Gemm session for Gram matrices: ${String(error)}`, { cause: error });
  });
  return session;
}

function buildGemmModel(): Uint8Array {
  const double = onnx.TensorProto.DataType.DOUBLE;
  const matrix = (name: string, rows: string, cols: string) => ({
    name,
    type: { tensorType: { elemType: double, shape: { dim: [{ dimParam: rows }, { dimParam: cols }] } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "kao-svm",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "gram",
      node: [
        {
          opType: "Gemm",
          input: ["A", "B"],
          output: ["C"],
          attribute: [{ name: "transB", type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
        },
      ],
      input: [matrix("A", "n", "d"), matrix("B", "m", "d")],
      output: [matrix("C", "n", "m")],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** C = A · Bᵀ. Pass the same array twice for X · Xᵀ. */
export async function multiplyTransposed(options: {
  left: Float64Array; // leftRows × dimensions, row-major
  right: Float64Array; // rightRows × dimensions, row-major
  dimensions: number;
}): Promise<Float64Array> {
  const { left, right, dimensions } = options;
  const leftRows = left.length / dimensions;
  const rightRows = right.length / dimensions;
  const gemm = await gemmSession();
  const a = new Tensor("float64", left, [leftRows, dimensions]);
  const b = right === left ? a : new Tensor("float64", right, [rightRows, dimensions]);
  const outputs = await gemm.run({ A: a, B: b });
  const product = outputs["C"];
  if (product === undefined || !(product.data instanceof Float64Array) || product.data.length !== leftRows * rightRows) {
    throw new Error(`the Gemm graph returned no ${leftRows} × ${rightRows} float64 matrix`);
  }
  return product.data;
}
