// One backbone's side of the extraction benchmark: the bare onnxruntime-node reference, kao's
// extractFeatures end to end, and the sequential decoding cost, all on the same session and images.
import { extractFeatures, pixelsToTensor, poolFeatureMap, preprocessImage, type Pooling, type Preprocessing } from "@kao/ml";
import * as ort from "onnxruntime-node";
import { measure, type Measured } from "./measure.ts";

export type ThroughputRow = {
  batch: number;
  reference: Measured<unknown>; // fastest of the runs
  kao: Measured<unknown>; // fastest of the runs
  referenceRuns: number[]; // wall seconds of every run, in order
  kaoRuns: number[];
};

export type BackboneThroughput = {
  images: number;
  /** preprocessImage one image at a time (sharp's decoding and resizing, then the JS conversion to a CHW float tensor), ms per image. */
  decodeMs: number;
  /** The JS conversion alone (pixelsToTensor), ms per image: it runs on the main thread, which inference blocks. */
  toTensorMs: number;
  rows: ThroughputRow[];
  /** Largest |kao − reference| over every pooled value of every image, and the largest value, to show both did the same work. */
  largestDifference: number;
  largestValue: number;
};

/**
 * Measures `session` on `images` (encoded JPEG bytes) at each batch size, references and kao's runs
 * taking turns `runs` times (the load of a shared machine drifts; the fastest run of each counts).
 */
export async function measureBackboneThroughput(options: {
  session: ort.InferenceSession;
  tap: string;
  pooling: Pooling;
  preprocessing: Preprocessing;
  images: readonly Buffer[];
  batches: readonly number[];
  runs: number;
  say: (line: string) => void;
}): Promise<BackboneThroughput> {
  const { session, tap, pooling, preprocessing, images, say } = options;
  const { width, height } = preprocessing;
  const area = 3 * width * height;

  // Sequential decoding, one image in flight: what each image costs when nothing overlaps it. These
  // tensors are also the reference's input, so both sides see exactly the same numbers.
  const tensors: Float32Array[] = [];
  const decoded = await measure(async () => {
    for (const image of images) tensors.push(await preprocessImage(image, preprocessing));
  });
  const blank = new Uint8Array(area); // height × width × 3
  const converted = await measure(async () => {
    for (let i = 0; i < images.length; i++) pixelsToTensor(blank, preprocessing);
  });

  const inputName = session.inputNames[0];
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

  let largestDifference = 0;
  let largestValue = 0;
  const rows: ThroughputRow[] = [];
  for (const batch of options.batches) {
    const feeds = feedsFor(batch);
    // Untimed warm-up at this batch size: onnxruntime plans memory for a new shape on its first run.
    const [firstFeed] = feeds;
    if (firstFeed) await session.run(firstFeed, [tap]);
    await extractFeatures({ session, tap, pooling, preprocessing, batchSize: batch, images: images.slice(0, batch) });

    const referenceRuns: Measured<Float32Array[]>[] = [];
    const kaoRuns: Measured<Float32Array[]>[] = [];
    for (let run = 1; run <= options.runs; run++) {
      say(`  batch ${batch}, run ${run} of ${options.runs}: reference…`);
      referenceRuns.push(
        await measure(async () => {
          const outputs: ort.Tensor[] = [];
          for (const feed of feeds) {
            const output = (await session.run(feed, [tap]))[tap];
            if (output === undefined) throw new Error(`the model did not return "${tap}"`);
            outputs.push(output);
          }
          return outputs; // pooled after the clock stops: the reference is inference alone
        }).then((measured) => ({ ...measured, value: poolOutputs(measured.value, pooling) })),
      );
      say(`  batch ${batch}, run ${run} of ${options.runs}: kao…`);
      kaoRuns.push(
        await measure(async () => {
          const results = await extractFeatures({ session, tap, pooling, preprocessing, batchSize: batch, images });
          return results.map((result, i) => {
            if ("error" in result) throw new Error(`image ${i + 1}: ${result.error}`);
            return result.vector;
          });
        }),
      );
    }
    // Both sides must have done the same work: the same pooled vectors, image by image.
    const reference = referenceRuns.at(-1)?.value ?? [];
    const kao = kaoRuns.at(-1)?.value ?? [];
    if (reference.length !== images.length || kao.length !== images.length) throw new Error(`expected ${images.length} vectors, got ${reference.length} (reference) and ${kao.length} (kao)`);
    reference.forEach((vector, i) => {
      const other = kao[i];
      if (other?.length !== vector.length) throw new Error(`image ${i + 1}: ${other?.length} values from kao, ${vector.length} from the reference`);
      vector.forEach((value, k) => {
        largestDifference = Math.max(largestDifference, Math.abs(value - (other[k] as number)));
        largestValue = Math.max(largestValue, Math.abs(value));
      });
    });
    rows.push({
      batch,
      reference: fastest(referenceRuns),
      kao: fastest(kaoRuns),
      referenceRuns: referenceRuns.map((run) => run.seconds),
      kaoRuns: kaoRuns.map((run) => run.seconds),
    });
  }
  return {
    images: images.length,
    decodeMs: (decoded.seconds * 1000) / images.length,
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

function fastest<T>(measured: readonly Measured<T>[]): Measured<T> {
  const [first] = [...measured].sort((a, b) => a.seconds - b.seconds);
  if (first === undefined) throw new Error("no runs");
  return first;
}
