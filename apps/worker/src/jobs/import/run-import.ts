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
        // Cancelled (or taken over by another worker): ffmpeg was stopped on purpose, the file is fine.
        if (heartbeat.signal.aborted) {
          if (heartbeat.reason() === "cancelled") await finishItem(runner.db, item.id, "CANCELLED", null, progress);
          break;
        }
        if (!(error instanceof MediaError || error instanceof DuplicateVideoError)) throw error;
        progress.add({ failed: 1 });
        await finishItem(runner.db, item.id, "FAILED", describeItemError(error, item.fileName), progress);
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
    // Another worker took the job over (this one was presumed dead): leave the job to it.
    if (heartbeat.reason() === "lost") return { skipped: true };
    const failure = describeFailure(error);
    await runner.db.$transaction([
      runner.db.job.update({ where: { id: jobId }, data: { status: "FAILED", error: failure, finishedAt: new Date(), heartbeatAt: null } }),
      // No file stays "running" or "queued" under a failed job.
      runner.db.importItem.updateMany({ where: { jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: failure } }),
    ]);
    return { skipped: false };
  } finally {
    heartbeat.stop();
  }
}

/** Marks an import cancelled whose worker died after the cancel was asked for; true if it did. */
export async function cancelAbandonedImport(db: Db, jobId: string, staleAfterMs: number) {
  const stale = new Date(Date.now() - staleAfterMs);
  return db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: jobId, status: "RUNNING", cancelRequestedAt: { not: null }, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stale } }] },
      data: { status: "CANCELLED", finishedAt: new Date(), heartbeatAt: null },
    });
    if (count) await tx.importItem.updateMany({ where: { jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED" } });
    return count > 0;
  });
}

async function finishItem(db: Db, id: string, status: "SUCCEEDED" | "FAILED" | "CANCELLED", error: string | null, progress: Progress) {
  await progress.flush();
  await db.importItem.update({ where: { id }, data: { status, error } });
}

/**
 * @kao/media names the file it was given, and a stored upload's local file is named after its storage
 * key (`uploads/<dataset>/<upload id>`): say the name the user uploaded instead.
 */
function describeItemError(error: MediaError | DuplicateVideoError, fileName: string) {
  if (error instanceof MediaError && error.fileName && error.fileName !== fileName) return error.message.split(error.fileName).join(fileName);
  return error.message;
}

function describeFailure(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "ENOSPC" || /ENOSPC/.test(message)) return "The frame storage is full (no space left on device). Free space, then import again; nothing was half-written.";
  return `The import stopped: ${message}`;
}
