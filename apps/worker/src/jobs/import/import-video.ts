import { normaliseFrame, probeVideo, sampleVideo, type NormalisedFrame } from "@kao/media";
import type { ItemContext } from "./context.ts";
import type { WriteOutcome } from "./frame-writer.ts";

type Normalised = { frame: NormalisedFrame; timestampMs: number };

/**
 * Frames normalised at once: while the oldest is written to storage and the database, the next ones
 * keep libvips busy (and ffmpeg decodes further ahead in its own process). More only adds memory,
 * a raw frame being width × height × 3 bytes.
 */
const NORMALISE_AHEAD = 3;
/**
 * Frames written per batch (FrameWriter.writeMany: two queries a batch instead of two a frame). A
 * crash loses at most this many frames' work, which the resume redoes.
 */
export const WRITE_BATCH = 8;

export class DuplicateVideoError extends Error {}

/**
 * A video → frames sampled by time at the job's rate, each with its timestamp. Resumes after the last
 * frame a previous (killed) run stored, instead of starting over.
 */
export async function importVideo(ctx: ItemContext) {
  const { job, item, upload } = ctx;
  const same = await ctx.db.video.findUnique({
    where: { datasetId_sha256: { datasetId: job.datasetId, sha256: upload.sha256 } },
    include: { job: { select: { status: true } } },
  });
  // This item's own video: a killed run of this job is being resumed.
  const resumed = same !== null && same.id === item.videoId;
  // A video an earlier import left unfinished (storage full, cancelled) is carried on where it stopped,
  // as long as nothing else is importing it and it is sampled the same way.
  const abandoned =
    same !== null &&
    !resumed &&
    same.status !== "SUCCEEDED" &&
    same.titleId === job.titleId &&
    same.sampleFps === job.sampleFps &&
    (same.jobId === job.id || same.job === null || !["QUEUED", "RUNNING"].includes(same.job.status));
  if (same && !resumed && !abandoned) {
    throw new DuplicateVideoError(`${item.fileName}: this video is already in the dataset (imported as ${same.fileName} on ${same.createdAt.toISOString().slice(0, 10)}); skipped.`);
  }
  const { path, release } = await ctx.storage.localPath(upload.storageKey);
  try {
    const info = await probeVideo({ path, ffprobe: ctx.ffmpeg.ffprobe, fileName: item.fileName });
    // Video row and item link in one transaction: a crash in between must not leave a video that
    // this very item would then refuse as "already in the dataset".
    const video = resumed
      ? same
      : await ctx.db.$transaction(async (tx) => {
          const row = abandoned
            ? await tx.video.update({ where: { id: same.id }, data: { jobId: job.id, status: "RUNNING" } })
            : await tx.video.create({
                data: {
                  datasetId: job.datasetId,
                  titleId: job.titleId,
                  jobId: job.id,
                  episode: job.episode,
                  fileName: item.fileName,
                  storageKey: upload.storageKey,
                  sha256: upload.sha256,
                  durationMs: info.durationMs === null ? null : Math.round(info.durationMs),
                  sampleFps: job.sampleFps,
                  status: "RUNNING",
                },
              });
          await tx.importItem.update({ where: { id: item.id }, data: { videoId: row.id } });
          return row;
        });

    const last = await ctx.db.frame.findFirst({ where: { videoId: video.id }, orderBy: { timestampMs: "desc" }, select: { timestampMs: true, phash: true, sceneId: true } });
    const startMs = last?.timestampMs == null ? 0 : last.timestampMs + Math.round(500 / job.sampleFps);
    // Samples are on a fixed grid (k / fps seconds): `before` of them lie at or before the last stored frame.
    const before = last?.timestampMs == null ? 0 : Math.round((last.timestampMs * job.sampleFps) / 1000) + 1;
    const whole = info.durationMs ? Math.max(1, Math.ceil((info.durationMs / 1000) * job.sampleFps)) : 0;
    const expected = Math.max(whole, before) - before;
    if (resumed) {
      // Resuming this item after a crash: counters flushed before it may lag the frames stored (they are
      // written every 500 ms), and the job's total already holds the whole video. Recount from the frames.
      const stored = await ctx.db.frame.count({ where: { videoId: video.id } });
      const flushed = item.framesAdded + item.duplicates;
      const counted = flushed > 0 ? Math.max(whole, flushed) : 0;
      ctx.progress.add(
        { done: before - flushed, total: Math.max(whole, before) - counted },
        { id: item.id, delta: { framesAdded: stored - item.framesAdded, duplicates: Math.max(0, before - stored) - item.duplicates } },
      );
    } else {
      ctx.progress.add({ total: expected });
    }
    ctx.writer.resumeAfter(last);

    let seen = 0;
    const written = (outcome: WriteOutcome) => {
      seen += 1;
      // The probe's estimate may be off by a frame; keep done ≤ total.
      ctx.progress.add({ done: 1, total: seen > expected ? 1 : 0 }, { id: item.id, delta: outcome === "added" ? { framesAdded: 1 } : { duplicates: 1 } });
    };
    const ready: Normalised[] = []; // normalised, in timestamp order, waiting for the next batch
    const writeReady = async () => {
      const batch = ready.splice(0).map(({ frame, timestampMs }) => ({ frame, source: { sourceName: item.fileName, videoId: video.id, timestampMs } }));
      await ctx.writer.writeMany(batch, written);
      await ctx.progress.maybeFlush();
    };
    // A pipeline: ffmpeg decodes ahead in its own process, NORMALISE_AHEAD frames are normalised at
    // once, and frames are written in timestamp order, which scene grouping and resuming after the last
    // stored frame rely on.
    const pending: Promise<Normalised>[] = [];
    try {
      for await (const sample of sampleVideo({ path, ffmpeg: ctx.ffmpeg.ffmpeg, fps: job.sampleFps, width: info.width, height: info.height, startMs, signal: ctx.signal })) {
        const normalised = normaliseFrame({ input: { rgb: sample.rgb, width: info.width, height: info.height }, fileName: item.fileName }).then((frame) => {
          sample.release(); // sharp is done with the pixels: ffmpeg's next frames may reuse the buffer
          return { frame, timestampMs: Math.round(sample.timestampMs) };
        });
        normalised.catch(() => undefined); // awaited in order below; this only keeps an early failure from counting as unhandled
        pending.push(normalised);
        if (pending.length >= NORMALISE_AHEAD) ready.push(await (pending.shift() as Promise<Normalised>));
        if (ready.length >= WRITE_BATCH) await writeReady();
      }
      // Not reached when cancelled (sampleVideo throws): frames normalised but not yet written are dropped.
      while (pending.length > 0) ready.push(await (pending.shift() as Promise<Normalised>));
      await writeReady();
    } finally {
      await Promise.allSettled(pending); // no encodes left running behind the caller's back
    }
    if (!ctx.signal.aborted) {
      if (seen < expected) ctx.progress.add({ total: seen - expected });
      await ctx.db.video.update({ where: { id: video.id }, data: { status: "SUCCEEDED" } });
    }
    return null;
  } finally {
    await release();
  }
}
