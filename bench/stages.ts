// The import's stages measured one at a time, to see where its time goes. The import itself overlaps
// them (ffmpeg decodes while Node encodes and writes), so its wall time is less than their sum.
import { randomUUID } from "node:crypto";
import type { Db } from "@kao/db";
import { seedDataset, seedTitle } from "@kao/db/seed";
import { differenceHash, normaliseFrame, pixelSha256, sampleVideo, type NormalisedFrame } from "@kao/media";
import { frameKeys, type BlobStorage } from "@kao/storage";
import { FrameWriter } from "../apps/worker/src/jobs/import/frame-writer.ts";
import { WRITE_BATCH } from "../apps/worker/src/jobs/import/import-video.ts";
import { measure, type Measured } from "./measure.ts";

export type Stage = { name: string; frames: number; measured: Measured<unknown> };

/**
 * Decodes the whole video as the worker does (sampleVideo alone), keeping `keep` evenly spaced frames,
 * then runs each later stage over those frames, sequentially, one frame at a time.
 */
export async function measureStages(options: {
  video: string;
  ffmpeg: string;
  width: number;
  height: number;
  expectedFrames: number;
  db: Db;
  storage: BlobStorage;
  keep?: number;
}): Promise<Stage[]> {
  const { video, ffmpeg, width, height, expectedFrames, db, storage } = options;
  const keep = options.keep ?? 30;
  const every = Math.max(1, Math.floor(expectedFrames / keep));
  const kept: Buffer[] = [];
  let decoded = 0;
  const decode = await measure(async () => {
    for await (const sample of sampleVideo({ path: video, ffmpeg, fps: 1, width, height })) {
      if (decoded % every === 0 && kept.length < keep) kept.push(sample.rgb);
      decoded += 1;
    }
  });
  const stages: Stage[] = [{ name: "decode: sampleVideo (ffmpeg → RGB in Node)", frames: decoded, measured: decode }];

  const each = async <T>(name: string, work: (rgb: Buffer, index: number) => Promise<T>): Promise<T[]> => {
    await work(kept[0] ?? Buffer.alloc(0), -1); // warm up libvips and the JIT
    const results: T[] = [];
    const measured = await measure(async () => {
      for (const [index, rgb] of kept.entries()) results.push(await work(rgb, index));
    });
    stages.push({ name, frames: kept.length, measured });
    return results;
  };
  const normalised = await each("normaliseFrame: 3 JPEGs + dHash + sha256", (rgb) => normaliseFrame({ input: { rgb, width, height } }));
  await each("  of which dHash", (rgb) => differenceHash({ rgb, width, height }));
  await each("  of which sha256", async (rgb) => pixelSha256({ rgb, width, height }));

  const dataset = await seedDataset(db, { name: `Bench stages ${randomUUID().slice(0, 8)}` });
  const title = await seedTitle(db, { datasetId: dataset.id });
  const frameAt = (index: number): NormalisedFrame => normalised[Math.max(0, index)] as NormalisedFrame;
  await each("write blobs: 3 JPEGs to storage", async (_rgb, index) => {
    const frame = frameAt(index);
    const keys = frameKeys(dataset.id, index < 0 ? "warmup" : frame.sha256);
    await Promise.all([storage.put(keys.image, frame.image), storage.put(keys.display, frame.display), storage.put(keys.thumbnail, frame.thumbnail)]);
  });
  // FrameWriter as the import uses it (batches of WRITE_BATCH frames), with the blob writes (measured
  // above) left out.
  const noBlobs: BlobStorage = { ...storage, put: async (_key, data) => ({ size: Buffer.isBuffer(data) ? data.length : 0 }) };
  const writer = new FrameWriter(db, noBlobs, { datasetId: dataset.id, titleId: title.id });
  const batch: Parameters<FrameWriter["writeMany"]>[0][number][] = [];
  await each(`DB: FrameWriter rows, ${WRITE_BATCH} a batch (duplicate check, scene, insert)`, async (_rgb, index) => {
    const frame = index < 0 ? { ...frameAt(0), sha256: "warmup".padEnd(64, "0") } : frameAt(index);
    batch.push({ frame, source: { sourceName: "bench.mp4", videoId: null, timestampMs: Math.max(0, index) * 1000 } });
    if (index < 0 || batch.length === WRITE_BATCH || index === kept.length - 1) await writer.writeMany(batch.splice(0), () => undefined);
  });
  return stages;
}
