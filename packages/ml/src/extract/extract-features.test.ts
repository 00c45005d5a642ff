import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createGraph, exposeTensor } from "../onnx/index.ts";
import { extractFeatures } from "./extract-features.ts";
import { pixelsToTensor, type Preprocessing } from "./preprocess.ts";
import { openSession } from "./session.ts";

// A tiny CNN with known weights: a 1×1 convolution (2 output channels) → ReLU ("features", the tap)
// → global average pool → flatten → a dense classifier ("logits", the only output).
const weights = Float32Array.from([0.5, -1, 0.25, /* channel 1: */ -0.5, 1, 2]); // 2 × 3 × 1 × 1
const bias = Float32Array.from([0.1, -0.2]);
function tinyCnn(batch: number | "N") {
  const graph = createGraph({ name: "tiny" });
  graph.addInput("image", [batch, 3, 4, 4]);
  graph.addInitializer("w", weights, [2, 3, 1, 1]);
  graph.addInitializer("b", bias, [2]);
  graph.addInitializer("dense", Float32Array.from([1, 0, 0, 1]), [2, 2]);
  graph.addNode({ op: "Conv", inputs: ["image", "w", "b"], outputs: ["conv"] });
  graph.addNode({ op: "Relu", inputs: ["conv"], outputs: ["features"] });
  graph.addNode({ op: "GlobalAveragePool", inputs: ["features"], outputs: ["pooled"] });
  graph.addNode({ op: "Flatten", inputs: ["pooled"], outputs: ["flat"] });
  graph.addNode({ op: "Gemm", inputs: ["flat", "dense"], outputs: ["logits"] });
  graph.addOutput("logits", [batch, 2]);
  return graph.toModelBytes();
}

const preprocessing: Preprocessing = { width: 4, height: 4, channelOrder: "RGB", scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.25, 0.5, 1] };

/** A 4×4 RGB image with distinct pixels, as PNG, and its raw bytes. */
async function image(seed: number) {
  const raw = Buffer.from(Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37 + seed * 101) % 256));
  const png = await sharp(raw, { raw: { width: 4, height: 4, channels: 3 } }).png().toBuffer();
  return { raw, png };
}

/** The same network by hand: conv 1×1 + bias, ReLU, then per-channel max over the 4×4 map. */
function handFeatures(raw: Uint8Array, prep: Preprocessing): number[] {
  const input = pixelsToTensor(raw, prep); // 3 × 4 × 4
  return [0, 1].map((o) => {
    let max = -Infinity;
    for (let p = 0; p < 16; p++) {
      let sum = bias[o] as number;
      for (let c = 0; c < 3; c++) sum += (weights[o * 3 + c] as number) * (input[c * 16 + p] as number);
      max = Math.max(max, Math.max(0, sum));
    }
    return max;
  });
}

describe("extractFeatures", () => {
  it("taps an intermediate layer and max-pools each channel, as computed by hand", async () => {
    const { session, provider } = await openSession({ model: exposeTensor(tinyCnn("N"), "features"), intraOpThreads: 1 });
    expect(provider).toBe("cpu");
    const images = await Promise.all([1, 2, 3].map(image));
    const results = await extractFeatures({ session, tap: "features", pooling: "MAX", preprocessing, batchSize: 2, images: images.map((i) => i.png) });
    expect(results).toHaveLength(3);
    results.forEach((result, i) => {
      if (!("vector" in result)) throw new Error(result.error);
      const expected = handFeatures((images[i] as { raw: Buffer }).raw, preprocessing);
      expect(Array.from(result.vector)).toEqual(expected.map((value) => expect.closeTo(value, 5)));
    });
    expect(new Set(results.map((r) => ("vector" in r ? r.vector.join() : "")))).toHaveProperty("size", 3);
  });

  it("swaps channels for BGR models", () => {
    const raw = Uint8Array.from([10, 20, 30, 40, 50, 60]); // two pixels
    const prep: Preprocessing = { width: 2, height: 1, channelOrder: "BGR", scale: 1, mean: [1, 2, 3], std: [1, 2, 1] };
    expect(Array.from(pixelsToTensor(raw, prep))).toEqual([30 - 1, 60 - 1, (20 - 2) / 2, (50 - 2) / 2, 10 - 3, 40 - 3]);
  });

  it("reports an unreadable image and still extracts the others", async () => {
    const { session } = await openSession({ model: exposeTensor(tinyCnn("N"), "features"), intraOpThreads: 1 });
    const good = await image(7);
    const results = await extractFeatures({ session, tap: "features", pooling: "AVG", preprocessing, images: [good.png, Buffer.from("not an image"), good.png] });
    expect("vector" in (results[0] ?? {})).toBe(true);
    expect(results[1]).toEqual({ error: expect.stringMatching(/could not decode the image/) });
    expect(results[2]).toEqual(results[0]);
  });

  it("runs a model with a fixed batch of 1 one image at a time", async () => {
    const { session } = await openSession({ model: exposeTensor(tinyCnn(1), "features"), intraOpThreads: 1 });
    const images = await Promise.all([4, 5].map(image));
    const results = await extractFeatures({ session, tap: "features", pooling: "MAX", preprocessing, batchSize: 8, images: images.map((i) => i.png) });
    expect(results.map((r) => ("vector" in r ? r.vector.length : 0))).toEqual([2, 2]);
  });

  it("names the outputs when the tap is not one of them", async () => {
    const { session } = await openSession({ model: tinyCnn("N"), intraOpThreads: 1 });
    await expect(extractFeatures({ session, tap: "features", pooling: "MAX", preprocessing, images: [] })).rejects.toThrow(/no output "features" \(outputs: logits\)/);
  });

  it("falls back to the CPU, with a warning, when a GPU provider cannot be opened", async () => {
    const warnings: string[] = [];
    // This machine has no GPU adapter: WebGPU cannot start here (a GPU machine takes the other branch).
    const opened = await openSession({ model: tinyCnn("N"), provider: "webgpu", intraOpThreads: 1, warn: (m) => warnings.push(m) });
    if (opened.provider === "webgpu") return; // a machine with a working GPU: nothing to fall back from
    expect(opened.provider).toBe("cpu");
    expect(warnings).toEqual([expect.stringMatching(/webgpu execution provider could not be opened .*running on the CPU instead/)]);
  });
});
