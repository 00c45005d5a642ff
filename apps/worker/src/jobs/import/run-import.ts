import type { Db } from "@kao/db";
import { MediaError } from "@kao/media";
import type { BlobStorage } from "@kao/storage";
import { logger } from "../../logger.ts";
import { claimJob, startHeartbeat } from "../job-lease.ts";
import type { ItemContext } from "./context.ts";
import { FrameWriter } from "./frame-writer.ts";
import { importImage } from "./import-image.ts";
import { DuplicateVideoError, importVideo } from "./import-video.ts";
import { importZip } from "./import-zip.ts";
import { Progress } from "./progress.ts";

export interface ImportRunner {
  db: Db;
  storage: BlobStorage;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  workerId: string;
  staleAfterMs: number;
}

const importers = { IMAGE: importImage, ZIP: importZip, VIDEO: importVideo } as const;

/**
 * Runs (or resumes) one import job: each file in turn, each with its own outcome, so a bad file
 * never costs the others. Returns quietly when another worker holds the job or it is already done.
 */
export async function runImport(runner: ImportRunner, jobId: string) {
  const job = await claimJob(runner.db, { jobId, workerId: runner.workerId, staleAfterMs: runner.staleAfterMs });
  if (!job) return { skipped: true };
  const params = job.params as { titleId: string; episode: string | null; sampleFps: number };
  if (!job.datasetId) throw new Error(`import job ${jobId} has no dataset`);
  const heartbeat = startHeartbeat(runner.db, {
    jobId,
    workerId: runner.workerId,
    intervalMs: Math.max(250, runner.staleAfterMs / 4),
    onError: (error) => logger.error("heartbeat failed", { jobId, message: String(error) }),
  });
  const progress = new Progress(runner.db, jobId);
  const writer = new FrameWriter(runner.db, runner.storage, { datasetId: job.datasetId, titleId: params.titleId });
  logger.info("import started", { jobId, resumed: job.status === "RUNNING" && job.done > 0 });

  try {
    const items = await runner.db.importItem.findMany({
      where: { jobId, status: { in: ["QUEUED", "RUNNING"] } },
      include: { upload: true },
      orderBy: [{ createdAt: "asc" }, { fileName: "asc" }],
    });
    for (const item of items) {
      if (heartbeat.signal.aborted) break;
      await runner.db.importItem.update({ where: { id: item.id }, data: { status: "RUNNING" } });
      if (!item.upload) {
        await finishItem(runner.db, item.id, "FAILED", `${item.fileName}: the uploaded file is gone; upload it again.`, progress);
        continue;
      }
      const ctx: ItemContext = {
        db: runner.db,
        storage: runner.storage,
        ffmpeg: runner.ffmpeg,
        job: { id: jobId, datasetId: job.datasetId, titleId: params.titleId, episode: params.episode, sampleFps: params.sampleFps },
        item,
        upload: item.upload,
        writer,
        progress,
        signal: heartbeat.signal,
      };
      try {
        const note = await importers[item.kind](ctx);
        await progress.flush();
        const cancelled = heartbeat.signal.aborted;
        await finishItem(runner.db, item.id, cancelled ? "CANCELLED" : "SUCCEEDED", note, progress);
      } catch (error) {
        await progress.flush();
        if (!(error instanceof MediaError || error instanceof DuplicateVideoError)) throw error;
        progress.add({ failed: 1 });
        await finishItem(runner.db, item.id, "FAILED", error.message, progress);
      }
    }
    await progress.flush();
    if (heartbeat.reason() === "lost") return { skipped: true };
    const cancelled = heartbeat.reason() === "cancelled";
    if (cancelled) await runner.db.importItem.updateMany({ where: { jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED" } });
    const { total } = await runner.db.job.findUniqueOrThrow({ where: { id: jobId }, select: { total: true } });
    await runner.db.job.update({
      where: { id: jobId },
      // Failed files count as handled: a finished job reads 100%, its failures are in `failed`.
      data: { status: cancelled ? "CANCELLED" : "SUCCEEDED", finishedAt: new Date(), heartbeatAt: null, ...(cancelled ? {} : { done: total }) },
    });
    logger.info("import finished", { jobId, cancelled });
    return { skipped: false };
  } catch (error) {
    // Unexpected (database down, disk full…): fail the job with a message people can act on.
    await progress.flush().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    logger.error("import failed", { jobId, message });
    await runner.db.job.update({ where: { id: jobId }, data: { status: "FAILED", error: describeFailure(message), finishedAt: new Date(), heartbeatAt: null } });
    return { skipped: false };
  } finally {
    heartbeat.stop();
  }
}

async function finishItem(db: Db, id: string, status: "SUCCEEDED" | "FAILED" | "CANCELLED", error: string | null, progress: Progress) {
  await progress.flush();
  await db.importItem.update({ where: { id }, data: { status, error } });
}

function describeFailure(message: string) {
  if (/ENOSPC/.test(message)) return "The frame storage is full (no space left on device). Free space, then import again; nothing was half-written.";
  return `The import stopped: ${message}`;
}
