// One backbone's side of the extraction benchmark, on the same images and input tensors:
//   - reference: a bare onnxruntime-node session (its defaults, one intra-op thread per core) looping
//     over input tensors decoded and resized beforehand;
//   - kao inference: the same loop on kao's session (openSession), to tell its options' effect apart;
//   - kao: extractFeatures end to end from the JPEG bytes on kao's session;
//   - decoding alone (preprocessImage, one image at a time), which kao overlaps with inference.
import { extractFeatures, pixelsToTensor, poolFeatureMap, preprocessImage, type Pooling, type Preprocessing } from "@kao/ml";
import * as ort from "onnxruntime-node";
import { observe, type Observed } from "./extract-machine.ts";
import { measure } from "./measure.ts";

export const SIDES = ["reference", "kaoInference", "kao"] as const;
export type Side = (typeof SIDES)[number];

export type ThroughputRow = {
  batch: number;
  /** Every run of each side, in the order they ran (the sides take turns). */
  runs: Record<Side, Observed<unknown>[]>;
};

export type BackboneThroughput = {
  images: number;
  /** preprocessImage one image at a time (sharp's decoding and resizing, then the JS conversion to a CHW float tensor): every run, in order. */
  decodeRuns: Observed<unknown>[];
  /** The JS conversion alone (pixelsToTensor), ms per image: it runs on the main thread, which inference blocks. */
  toTensorMs: number;
  rows: ThroughputRow[];
  /** Largest |kao − reference| over every pooled value of every image, and the largest value, to show both did the same work. */
  largestDifference: number;
  largestValue: number;
};

/**
 * Measures one model at each batch size. The sides take turns `runs` times, so that a drift in the
 * load of a shared machine touches them alike; the caller picks the least disturbed run of each.
 */
export async function measureBackboneThroughput(options: {
  /** A session with onnxruntime's defaults but for the thread count (the reference). */
  bareSession: ort.InferenceSession;
  /** The session kao's worker opens (openSession). */
  kaoSession: ort.InferenceSession;
  tap: string;
  pooling: Pooling;
  preprocessing: Preprocessing;
  images: readonly Buffer[];
  batches: readonly number[];
  runs: number;
  say: (line: string) => void;
}): Promise<BackboneThroughput> {
  const { bareSession, kaoSession, tap, pooling, preprocessing, images, say } = options;
  const { width, height } = preprocessing;
  const area = 3 * width * height;

  // Sequential decoding, one image in flight: what each image costs when nothing overlaps it. It is
  // measured again with every run of the other sides, because it suffers from other people's work as
  // much as they do. The first pass's tensors are the reference's input, so every side sees the same numbers.
  const decodeAll = async () => {
    const tensors: Float32Array[] = [];
    for (const image of images) tensors.push(await preprocessImage(image, preprocessing));
    return tensors;
  };
  const firstDecode = await observe(decodeAll);
  const decodeRuns: Observed<unknown>[] = [firstDecode];
  const tensors = firstDecode.value;
  const blank = new Uint8Array(area); // height × width × 3
  const converted = await measure(async () => {
    for (let i = 0; i < images.length; i++) pixelsToTensor(blank, preprocessing);
  });

  const inputName = bareSession.inputNames[0];
  if (inputName === undefined) throw new Error("the model has no input");
  const feedsFor = (batch: number) => {
    const feeds: ort.InferenceSession.FeedsType[] = [];
    for (let i = 0; i < tensors.length; i += batch) {
      const part = tensors.slice(i, i + batch);
      const data = new Float32Array(part.length * area); // n × 3 × height × width
      part.forEach((tensor, k) => data.set(tensor, k * area));
      feeds.push({ [inputName]: new ort.Tensor("float32", data, [part.length, 3, height, width]) });
    }
    return feeds;
  };
  const loop = async (session: ort.InferenceSession, feeds: readonly ort.InferenceSession.FeedsType[]) => {
    const outputs: ort.Tensor[] = [];
    for (const feed of feeds) {
      const output = (await session.run(feed, [tap]))[tap];
      if (output === undefined) throw new Error(`the model did not return "${tap}"`);
      outputs.push(output);
    }
    return outputs; // pooled after the clock stops: the reference is inference alone
  };
  const extract = (batch: number) => extractFeatures({ session: kaoSession, tap, pooling, preprocessing, batchSize: batch, images });

  let largestDifference = 0;
  let largestValue = 0;
  const rows: ThroughputRow[] = [];
  for (const batch of options.batches) {
    const feeds = feedsFor(batch);
    // Untimed warm-up at this batch size: onnxruntime plans memory for a new shape on its first run.
    const [firstFeed] = feeds;
    if (firstFeed) {
      await bareSession.run(firstFeed, [tap]);
      await kaoSession.run(firstFeed, [tap]);
    }
    await extractFeatures({ session: kaoSession, tap, pooling, preprocessing, batchSize: batch, images: images.slice(0, batch) });

    const runs: ThroughputRow["runs"] = { reference: [], kaoInference: [], kao: [] };
    let referenceVectors: Float32Array[] = [];
    let kaoResults: Awaited<ReturnType<typeof extract>> = [];
    for (let run = 1; run <= options.runs; run++) {
      say(`  batch ${batch}, run ${run} of ${options.runs}…`);
      const reference = await observe(() => loop(bareSession, feeds));
      runs.reference.push(reference);
      referenceVectors = poolOutputs(reference.value, pooling);
      runs.kaoInference.push(await observe(() => loop(kaoSession, feeds)));
      const kao = await observe(() => extract(batch));
      runs.kao.push(kao);
      kaoResults = kao.value;
      decodeRuns.push(await observe(decodeAll));
    }
    // Both sides must have done the same work: the same pooled vectors, image by image.
    if (referenceVectors.length !== images.length || kaoResults.length !== images.length) {
      throw new Error(`expected ${images.length} vectors, got ${referenceVectors.length} (reference) and ${kaoResults.length} (kao)`);
    }
    referenceVectors.forEach((vector, i) => {
      const result = kaoResults[i];
      if (result === undefined || "error" in result) throw new Error(`image ${i + 1}: kao gave no vector (${result?.error ?? "no result"})`);
      if (result.vector.length !== vector.length) throw new Error(`image ${i + 1}: ${result.vector.length} values from kao, ${vector.length} from the reference`);
      vector.forEach((value, k) => {
        largestDifference = Math.max(largestDifference, Math.abs(value - (result.vector[k] as number)));
        largestValue = Math.max(largestValue, Math.abs(value));
      });
    });
    rows.push({ batch, runs });
  }
  return {
    images: images.length,
    decodeRuns,
    toTensorMs: (converted.seconds * 1000) / images.length,
    rows,
    largestDifference,
    largestValue,
  };
}

/** The reference's outputs (N × C × H × W each) pooled per image, as extractFeatures pools them. */
function poolOutputs(outputs: readonly ort.Tensor[], pooling: Pooling): Float32Array[] {
  return outputs.flatMap((output) => {
    if (!(output.data instanceof Float32Array) || output.dims.length !== 4) throw new Error(`expected a float32 N × C × H × W tap, got ${output.type} ${output.dims.join(" × ")}`);
    const [n = 0, channels = 0, height = 0, width = 0] = output.dims.map(Number);
    const data = output.data;
    const size = channels * height * width;
    return Array.from({ length: n }, (_, i) => poolFeatureMap({ featureMap: data.subarray(i * size, (i + 1) * size), channels, height, width, pooling }));
  });
}
