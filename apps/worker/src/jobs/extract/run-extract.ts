import type { Db } from "@kao/db";
import { extractFeatures } from "@kao/ml";
import { frameKeys, type BlobStorage } from "@kao/storage";
import { logger } from "../../logger.ts";
import { claimJob, isCancelRequested, startHeartbeat } from "../job-lease.ts";
import type { BackboneSessions } from "./backbone-sessions.ts";
import { readBlob } from "./read-blob.ts";

export interface ExtractRunner {
  db: Db;
  storage: BlobStorage;
  sessions: BackboneSessions;
  workerId: string;
  staleAfterMs: number;
}

/** Frames read and written per round: big enough for batching, small enough to resume with little lost. */
const PAGE = 64;

/**
 * Runs (or resumes) one extraction job: every frame of the dataset without a vector for the backbone
 * gets one. Vectors are written per page, so a killed worker's successor carries on from the frames
 * still missing; nothing is computed twice and nothing is duplicated. A cancel is read before each
 * page: the vectors of the pages done stay, and `done` counts exactly those pages' frames.
 */
export async function runExtract(runner: ExtractRunner, jobId: string) {
  const job = await claimJob(runner.db, { jobId, workerId: runner.workerId, staleAfterMs: runner.staleAfterMs });
  if (!job) return { skipped: true };
  const { backboneId, batchSize } = job.params as { backboneId: string; batchSize?: number };
  const datasetId = job.datasetId;
  if (!datasetId) throw new Error(`extraction job ${jobId} has no dataset`);
  const heartbeat = startHeartbeat(runner.db, {
    jobId,
    workerId: runner.workerId,
    intervalMs: Math.max(250, runner.staleAfterMs / 4),
    onError: (error) => logger.error("heartbeat failed", { jobId, message: String(error) }),
  });
  try {
    const backbone = await runner.db.backbone.findUniqueOrThrow({ where: { id: backboneId } });
    const { session } = await runner.sessions.open(backbone);
    const missing = { datasetId, featureVectors: { none: { backboneId } } };
    const [remaining, total] = await Promise.all([runner.db.frame.count({ where: missing }), runner.db.frame.count({ where: { datasetId } })]);
    await runner.db.job.update({ where: { id: jobId }, data: { total, done: total - remaining, failed: 0 } });
    logger.info("extraction started", { jobId, backbone: backbone.name, frames: total, remaining });

    const failedIds = new Set<string>(); // unreadable frames are skipped for the rest of this run
    const errors: { item: string; message: string }[] = [];
    let cancelled = false;
    while (!heartbeat.signal.aborted) {
      if (await isCancelRequested(runner.db, jobId)) {
        cancelled = true;
        break;
      }
      const frames = await runner.db.frame.findMany({
        where: { ...missing, id: { notIn: [...failedIds] } },
        select: { id: true, sha256: true, sourceName: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
      if (frames.length === 0) break;
      const images = await Promise.all(frames.map((frame) => readBlob(runner.storage, frameKeys(datasetId, frame.sha256).display)));
      const results = await extractFeatures({
        session,
        tap: backbone.tapLayer,
        pooling: backbone.pooling,
        batchSize: batchSize ?? 8,
        preprocessing: {
          width: backbone.inputWidth,
          height: backbone.inputHeight,
          channelOrder: backbone.channelOrder,
          scale: backbone.scale,
          mean: backbone.mean,
          std: backbone.std,
        },
        images: images.map((image) => image ?? Buffer.alloc(0)),
      });
      const vectors = frames.flatMap((frame, i) => {
        const result = results[i];
        if (result && "vector" in result) {
          if (result.vector.length !== backbone.dims) throw new Error(`backbone ${backbone.name} gave ${result.vector.length} values, registered with ${backbone.dims}`);
          return [{ frameId: frame.id, backboneId, vector: new Uint8Array(result.vector.slice().buffer) }];
        }
        failedIds.add(frame.id);
        errors.push({ item: frame.sourceName, message: images[i] ? (result?.error ?? "no result") : "the frame's image is missing from storage" });
        return [];
      });
      await runner.db.featureVector.createMany({ data: vectors, skipDuplicates: true });
      await runner.db.job.update({
        where: { id: jobId },
        data: { done: { increment: frames.length }, failed: failedIds.size, errors: errors.slice(-100) },
      });
    }
    if (heartbeat.reason() === "lost") return { skipped: true };
    cancelled ||= heartbeat.reason() === "cancelled";
    await runner.db.job.update({ where: { id: jobId }, data: { status: cancelled ? "CANCELLED" : "SUCCEEDED", finishedAt: new Date(), heartbeatAt: null } });
    logger.info("extraction finished", { jobId, cancelled, failed: failedIds.size });
    return { skipped: false };
  } catch (error) {
    if (heartbeat.reason() === "lost") return { skipped: true };
    const message = error instanceof Error ? error.message : String(error);
    logger.error("extraction failed", { jobId, message });
    await runner.db.job.update({ where: { id: jobId }, data: { status: "FAILED", error: message, finishedAt: new Date(), heartbeatAt: null } });
    return { skipped: false };
  } finally {
    heartbeat.stop();
  }
}
