import { normaliseFrame, probeVideo, sampleVideo } from "@kao/media";
import type { ItemContext } from "./context.ts";

export class DuplicateVideoError extends Error {}

/**
 * A video → frames sampled by time at the job's rate, each with its timestamp. Resumes after the last
 * frame a previous (killed) run stored, instead of starting over.
 */
export async function importVideo(ctx: ItemContext) {
  const { job, item, upload } = ctx;
  const same = await ctx.db.video.findUnique({ where: { datasetId_sha256: { datasetId: job.datasetId, sha256: upload.sha256 } } });
  if (same && same.id !== item.videoId) {
    throw new DuplicateVideoError(`${item.fileName}: this video is already in the dataset (imported as ${same.fileName} on ${same.createdAt.toISOString().slice(0, 10)}); skipped.`);
  }
  const { path, release } = await ctx.storage.localPath(upload.storageKey);
  try {
    const info = await probeVideo({ path, ffprobe: ctx.ffmpeg.ffprobe, fileName: item.fileName });
    const video =
      same ??
      (await ctx.db.video.create({
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
      }));
    if (!same) await ctx.db.importItem.update({ where: { id: item.id }, data: { videoId: video.id } });

    const last = await ctx.db.frame.findFirst({ where: { videoId: video.id }, orderBy: { timestampMs: "desc" }, select: { timestampMs: true, phash: true, sceneId: true } });
    const startMs = last?.timestampMs == null ? 0 : last.timestampMs + Math.round(500 / job.sampleFps);
    const expected = info.durationMs ? Math.max(1, Math.ceil(((info.durationMs - startMs) / 1000) * job.sampleFps)) : 0;
    ctx.progress.add({ total: expected });
    ctx.writer.resumeAfter(last);

    let seen = 0;
    for await (const sample of sampleVideo({ path, ffmpeg: ctx.ffmpeg.ffmpeg, fps: job.sampleFps, width: info.width, height: info.height, startMs, signal: ctx.signal })) {
      const frame = await normaliseFrame({ input: { rgb: sample.rgb, width: info.width, height: info.height }, fileName: item.fileName });
      const outcome = await ctx.writer.write(frame, { sourceName: item.fileName, videoId: video.id, timestampMs: Math.round(sample.timestampMs) });
      seen += 1;
      // The probe's estimate may be off by a frame; keep done ≤ total.
      ctx.progress.add({ done: 1, total: seen > expected ? 1 : 0 }, { id: item.id, delta: outcome === "added" ? { framesAdded: 1 } : { duplicates: 1 } });
      await ctx.progress.maybeFlush();
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
