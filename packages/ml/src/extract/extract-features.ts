import * as ort from "onnxruntime-node";
import { poolFeatureMap, type Pooling } from "../pooling.ts";
import { preprocessImage, type Preprocessing } from "./preprocess.ts";

/** One image's outcome: its pooled vector, or why it could not be read (the others still count). */
export type ExtractedFeature = { vector: Float32Array } | { error: string };

export interface ExtractOptions {
  session: ort.InferenceSession;
  /** Graph output holding the tapped feature map (N × C × H × W, or N × C); see `exposeTensor`. */
  tap: string;
  pooling: Pooling;
  preprocessing: Preprocessing;
  /** Images per inference call; models with a fixed batch of 1 are run one by one whatever this says. */
  batchSize?: number;
}

/**
 * Images (encoded bytes or paths) → pooled feature vectors, in order. Decoding and resizing of the next
 * batch (sharp, on libuv's threads) overlaps inference of the current one (onnxruntime's threads), so
 * the rate stays close to the bare inference rate.
 */
export async function extractFeatures(options: ExtractOptions & { images: readonly (Buffer | string)[] }): Promise<ExtractedFeature[]> {
  const { session, tap, images } = options;
  if (!session.outputNames.includes(tap)) {
    throw new Error(`the model has no output "${tap}" (outputs: ${session.outputNames.join(", ")}); expose the tap layer first`);
  }
  const batchSize = effectiveBatchSize(session, options.batchSize ?? 8);
  const batches: (Buffer | string)[][] = [];
  for (let i = 0; i < images.length; i += batchSize) batches.push(images.slice(i, i + batchSize));

  const results: ExtractedFeature[] = [];
  let next = batches.length ? prepare(batches[0] ?? [], options.preprocessing) : null;
  for (let b = 0; b < batches.length; b++) {
    const prepared = await (next as Promise<Prepared[]>);
    next = b + 1 < batches.length ? prepare(batches[b + 1] ?? [], options.preprocessing) : null;
    results.push(...(await runBatch(prepared, options)));
  }
  return results;
}

type Prepared = { input: Float32Array } | { error: string };

const prepare = (images: readonly (Buffer | string)[], preprocessing: Preprocessing) =>
  Promise.all(
    images.map((image) =>
      preprocessImage(image, preprocessing).then(
        (input): Prepared => ({ input }),
        (error: unknown): Prepared => ({ error: `could not decode the image: ${error instanceof Error ? error.message : String(error)}` }),
      ),
    ),
  );

async function runBatch(prepared: readonly Prepared[], options: ExtractOptions): Promise<ExtractedFeature[]> {
  const { session, tap, pooling, preprocessing } = options;
  const inputs = prepared.flatMap((item) => ("input" in item ? [item.input] : []));
  const vectors: Float32Array[] = [];
  if (inputs.length) {
    const { width, height } = preprocessing;
    const area = 3 * width * height;
    const batch = new Float32Array(inputs.length * area); // n × 3 × height × width
    inputs.forEach((input, i) => batch.set(input, i * area));
    const inputName = session.inputNames[0] ?? "input";
    const output = (await session.run({ [inputName]: new ort.Tensor("float32", batch, [inputs.length, 3, height, width]) }, [tap]))[tap];
    if (!output) throw new Error(`the model did not return "${tap}"`);
    vectors.push(...poolBatch(output, pooling, inputs.length));
  }
  let v = 0;
  return prepared.map((item) => ("error" in item ? item : { vector: vectors[v++] as Float32Array }));
}

/** N × C × H × W → N vectors of C by global pooling; N × C (already pooled) passes through. */
function poolBatch(output: ort.Tensor, pooling: Pooling, n: number): Float32Array[] {
  const dims = output.dims.map(Number);
  if (output.type !== "float32" || !(output.data instanceof Float32Array)) throw new Error(`the tap must be float32, got ${output.type}`);
  const data = output.data;
  if (dims[0] !== n) throw new Error(`the tap's batch is ${dims[0]}, expected ${n}`);
  const [, channels = 0, height = 1, width = 1] = dims;
  if (dims.length !== 2 && dims.length !== 4) throw new Error(`the tap must be N × C × H × W or N × C, got ${dims.join(" × ")}`);
  const size = channels * height * width;
  return Array.from({ length: n }, (_, i) =>
    poolFeatureMap({ featureMap: data.subarray(i * size, (i + 1) * size), channels, height, width, pooling }),
  );
}

/** A model exported with a fixed batch dimension of 1 cannot take more; a symbolic one can. */
function effectiveBatchSize(session: ort.InferenceSession, wanted: number): number {
  const metadata = session.inputMetadata[0];
  const first = metadata && metadata.isTensor ? metadata.shape[0] : undefined;
  if (typeof first === "number" && first > 0) return Math.min(first, Math.max(1, wanted));
  return Math.max(1, wanted);
}
