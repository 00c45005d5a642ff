// The whole kernel decision Σ_j coefficients[j] · K(x, sv_j) + bias as one float64 onnxruntime graph, so
// that the kernel values (an exp or a power per row and support vector) run vectorised on every core
// instead of one at a time in JavaScript, which took as long as the products themselves:
//   dots = X · SVᵀ;  RBF: K = exp(−γ ((‖x‖² + ‖sv‖²) − (dots + dots)));  poly: K = (γ · dots + coef0)^degree;
//   decisions = K · coefficients + bias.
// The arithmetic is LIBSVM's, in the same order per value; only the sums run in another order.
import { availableParallelism } from "node:os";
import onnxProto from "onnx-proto";
import { InferenceSession, Tensor } from "onnxruntime-node";

const { onnx } = onnxProto;

export type DecisionGraphKernel = "rbf" | "poly";

const sessions = new Map<DecisionGraphKernel, Promise<InferenceSession>>();

/** One session per kernel type, created on first use and reused; the model's values are inputs. */
function decisionSession(kernel: DecisionGraphKernel): Promise<InferenceSession> {
  let session = sessions.get(kernel);
  if (!session) {
    session = InferenceSession.create(buildDecisionModel(kernel), { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1, graphOptimizationLevel: "all" }).catch(
      (error: unknown) => {
        sessions.delete(kernel); // a later call may try again
        throw new Error(`could not create the onnxruntime ${kernel} decision session: ${String(error)}`, { cause: error });
      },
    );
    sessions.set(kernel, session);
  }
  return session;
}

function buildDecisionModel(kernel: DecisionGraphKernel): Uint8Array {
  const double = onnx.TensorProto.DataType.DOUBLE;
  const tensor = (name: string, dims: (string | number)[]) => ({
    name,
    type: { tensorType: { elemType: double, shape: { dim: dims.map((dim) => (typeof dim === "string" ? { dimParam: dim } : { dimValue: dim })) } } },
  });
  const node = (opType: string, input: string[], output: string, attribute: object[] = []) => ({ opType, input, output: [output], name: output, attribute });
  const ints = (name: string, values: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
  const int = (name: string, value: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
  const kernelNodes =
    kernel === "rbf"
      ? [
          node("ReduceSumSquare", ["X"], "rowNorms", [ints("axes", [1]), int("keepdims", 1)]), // n × 1
          node("Add", ["rowNorms", "supportNorms"], "norms"), // n × m
          node("Add", ["dots", "dots"], "twoDots"),
          node("Sub", ["norms", "twoDots"], "distances"),
          node("Mul", ["distances", "negativeGamma"], "exponents"),
          node("Exp", ["exponents"], "K"),
        ]
      : [node("Mul", ["dots", "gamma"], "scaled"), node("Add", ["scaled", "coef0"], "based"), node("Pow", ["based", "degree"], "K")];
  const kernelInputs =
    kernel === "rbf" ? [tensor("supportNorms", [1, "m"]), tensor("negativeGamma", [1])] : [tensor("gamma", [1]), tensor("coef0", [1]), tensor("degree", [1])];
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "kao-active-learning",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: `decisions-${kernel}`,
      node: [
        node("Gemm", ["X", "SV"], "dots", [int("transB", 1)]), // n × m
        ...kernelNodes,
        node("MatMul", ["K", "coefficients"], "weighted"), // n × 1
        node("Add", ["weighted", "bias"], "decisions"),
      ],
      input: [tensor("X", ["n", "d"]), tensor("SV", ["m", "d"]), tensor("coefficients", ["m", 1]), tensor("bias", [1]), ...kernelInputs],
      output: [tensor("decisions", ["n", 1])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Decision values of `rows` rows against a model's support vectors (all float64, row-major). */
export async function runDecisionGraph(options: {
  kernel: { type: "rbf"; gamma: number } | { type: "poly"; gamma: number; coef0: number; degree: number };
  features: Float64Array; // rows × dimensions
  support: Float64Array; // supportCount × dimensions
  supportNorms: Float64Array; // supportCount: ‖sv_j‖²
  coefficients: Float64Array; // supportCount
  bias: number;
  dimensions: number;
}): Promise<Float64Array> {
  const { kernel, features, support, coefficients, dimensions } = options;
  const rows = features.length / dimensions;
  const supportCount = coefficients.length;
  const scalar = (value: number) => new Tensor("float64", Float64Array.of(value), [1]);
  const feeds: Record<string, Tensor> = {
    X: new Tensor("float64", features, [rows, dimensions]),
    SV: new Tensor("float64", support, [supportCount, dimensions]),
    coefficients: new Tensor("float64", coefficients, [supportCount, 1]),
    bias: scalar(options.bias),
    ...(kernel.type === "rbf"
      ? { supportNorms: new Tensor("float64", options.supportNorms, [1, supportCount]), negativeGamma: scalar(-kernel.gamma) }
      : { gamma: scalar(kernel.gamma), coef0: scalar(kernel.coef0), degree: scalar(kernel.degree) }),
  };
  const outputs = await (await decisionSession(kernel.type)).run(feeds);
  const decisions = outputs["decisions"];
  if (decisions === undefined || !(decisions.data instanceof Float64Array) || decisions.data.length !== rows) {
    throw new Error(`the decision graph returned no ${rows} float64 decisions`);
  }
  return decisions.data;
}
