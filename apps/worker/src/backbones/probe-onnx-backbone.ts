import { readFile } from "node:fs/promises";
import { exposeTensor, extractFeatures, openSession, resolveTap, type Preprocessing, type TapSpec } from "@kao/ml";

/** A 1×1 black RGB PNG: the probe image (preprocessing stretches it to the model's input size). */
const BLANK_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWNgYGAAAAAEAAGjChXjAAAAAElFTkSuQmCC", "base64");

/**
 * What the API's registerBackbone checks before it stores a backbone, for files a worker fetched:
 * onnxruntime opens the model, the tap resolves to a tensor that is made an output, and one blank image
 * runs through it, which gives the feature vector's length. Throws with what failed.
 */
export async function probeOnnxBackbone(options: { file: string; tap: TapSpec; preprocessing: Preprocessing }): Promise<{ tapLayer: string; dims: number }> {
  const bytes = new Uint8Array(await readFile(options.file));
  const tapLayer = resolveTap(bytes, options.tap);
  // One thread: a probe is one image, and the worker may be extracting meanwhile.
  const { session } = await openSession({ model: exposeTensor(bytes, tapLayer), provider: "cpu", intraOpThreads: 1 });
  try {
    const [probe] = await extractFeatures({ session, tap: tapLayer, pooling: "MAX", preprocessing: options.preprocessing, images: [BLANK_PNG] });
    if (!probe || !("vector" in probe)) throw new Error(`the model did not run up to "${tapLayer}" on a ${options.preprocessing.width}×${options.preprocessing.height} image: ${probe?.error ?? "no result"}`);
    return { tapLayer, dims: probe.vector.length };
  } finally {
    await session.release();
  }
}
