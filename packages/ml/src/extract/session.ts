import { availableParallelism } from "node:os";
import * as ort from "onnxruntime-node";

export type ExecutionProvider = "cpu" | "webgpu" | "cuda";

export interface OpenedSession {
  session: ort.InferenceSession;
  /** The provider that actually runs the model (may be "cpu" after a fallback). */
  provider: ExecutionProvider;
}

/**
 * Opens an ONNX model on the requested execution provider. A GPU provider that cannot be opened
 * (no adapter, no driver, missing CUDA libraries) falls back to the CPU, and says so through `warn`:
 * a silent fallback would make a GPU machine look mysteriously slow.
 */
export async function openSession(options: {
  model: string | Uint8Array; // a file path or the model's bytes
  provider?: ExecutionProvider;
  /** Threads for one operator; defaults to every core (one extraction job runs at a time per worker). */
  intraOpThreads?: number;
  /**
   * Whether onnxruntime's intra-op threads busy-wait between operators (its default) instead of
   * sleeping. Off by default: sharp decodes the next batch on the same cores while a batch runs, and
   * spinning threads take their CPU from it (bench/extract.ts measures the difference).
   */
  spinning?: boolean;
  warn?: (message: string) => void;
}): Promise<OpenedSession> {
  const provider = options.provider ?? "cpu";
  const base: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.intraOpThreads ?? availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: options.spinning ? "1" : "0" } } },
  };
  const create = (providers: ExecutionProvider[]) =>
    typeof options.model === "string"
      ? ort.InferenceSession.create(options.model, { ...base, executionProviders: providers })
      : ort.InferenceSession.create(options.model, { ...base, executionProviders: providers });
  if (provider === "cpu") return { session: await create(["cpu"]), provider };
  try {
    return { session: await create([provider]), provider };
  } catch (error) {
    options.warn?.(`the ${provider} execution provider could not be opened (${firstLine(error)}); running on the CPU instead`);
    return { session: await create(["cpu"]), provider: "cpu" };
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
