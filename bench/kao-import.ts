// kao's side of the benchmark: a video imported through the worker's real code path.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@kao/db";
import { seedDataset, seedTitle } from "@kao/db/seed";
import type { FfmpegPaths } from "@kao/media";
import { frameKeys, uploadKey, type BlobStorage } from "@kao/storage";
import { runImport } from "@kao/worker";

/**
 * Stages a video as `createImport` does (Upload row with the file in storage, claimed by a new IMPORT
 * Job with one ImportItem), and returns a function that runs the job with the worker's `runImport`.
 * The upload is not part of the timed import: the API streams it to storage before the job exists.
 */
export async function stageVideoImport(options: { db: Db; storage: BlobStorage; video: string; sampleFps: number }) {
  const { db, storage, video, sampleFps } = options;
  const dataset = await seedDataset(db, { name: `Bench ${randomUUID().slice(0, 8)}` });
  const title = await seedTitle(db, { datasetId: dataset.id, name: "Bench Title" });
  const uploadId = randomUUID();
  const storageKey = uploadKey(dataset.id, uploadId);
  await storage.put(storageKey, createReadStream(video));
  const sha256 = await fileSha256(video);
  const fileName = path.basename(video);
  const job = await db.$transaction(async (tx) => {
    const created = await tx.job.create({ data: { kind: "IMPORT", datasetId: dataset.id, params: { titleId: title.id, episode: "01", sampleFps } } });
    await tx.upload.create({
      data: { id: uploadId, datasetId: dataset.id, jobId: created.id, fileName, kind: "VIDEO", size: BigInt((await stat(video)).size), sha256, storageKey },
    });
    await tx.importItem.create({ data: { jobId: created.id, uploadId, fileName, kind: "VIDEO" } });
    return created;
  });
  return {
    datasetId: dataset.id,
    jobId: job.id,
    run: (ffmpeg: FfmpegPaths) => runImport({ db, storage, ffmpeg, workerId: `bench:${process.pid}`, staleAfterMs: 60_000 }, job.id),
  };
}

/**
 * Checks that the import really did the work the timing claims: the job succeeded, there is a frame
 * per second of video (±1) in timestamp order, each in a scene and with its three JPEGs in storage.
 */
export async function verifyImport(options: { db: Db; storage: BlobStorage; datasetId: string; jobId: string; expectedFrames: number }) {
  const { db, storage, datasetId, jobId, expectedFrames } = options;
  const problems: string[] = [];
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { importItems: true } });
  if (job.status !== "SUCCEEDED") problems.push(`job is ${job.status}: ${job.error ?? ""}`);
  if (job.failed !== 0 || job.done !== job.total) problems.push(`job counters: done ${job.done}, total ${job.total}, failed ${job.failed}`);
  const item = job.importItems[0];
  if (item?.status !== "SUCCEEDED") problems.push(`item is ${item?.status}: ${item?.error ?? ""}`);

  const frames = await db.frame.findMany({ where: { datasetId }, select: { sha256: true, timestampMs: true, sceneId: true, width: true, height: true }, orderBy: { timestampMs: "asc" } });
  if (Math.abs(frames.length - expectedFrames) > 1) problems.push(`${frames.length} frames, expected ${expectedFrames} ± 1`);
  if (item && item.framesAdded !== frames.length) problems.push(`item says ${item.framesAdded} frames added, the table has ${frames.length}`);
  const timestamps = frames.map((frame) => frame.timestampMs ?? -1);
  if (timestamps.some((ms, i) => ms < 0 || ms % 1000 !== 0 || (i > 0 && ms <= (timestamps[i - 1] ?? 0)))) problems.push("timestamps are not increasing whole seconds");
  if (frames.some((frame) => frame.sceneId === null)) problems.push("frames without a scene");
  const scenes = await db.scene.count({ where: { datasetId } });
  if (scenes === 0) problems.push("no scenes");

  let missingBlobs = 0;
  for (const frame of frames) {
    const keys = frameKeys(datasetId, frame.sha256);
    const present = await Promise.all([storage.exists(keys.image), storage.exists(keys.display), storage.exists(keys.thumbnail)]);
    missingBlobs += present.filter((exists) => !exists).length;
  }
  if (missingBlobs > 0) problems.push(`${missingBlobs} frame blobs missing`);
  return { frames: frames.length, scenes, duplicates: item?.duplicates ?? 0, problems };
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
