import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { cancelImport, eventually, getImport, importFiles, makeTestsrc, startImportEnv, waitForImport, type ImportEnv, type ImportJobView } from "../support/import.ts";

let env: ImportEnv;
let longVideo: Buffer;

beforeAll(async () => {
  // Heartbeats (which notice cancels) every 500 ms, so a cancel lands well before 120 frames are done.
  env = await startImportEnv({ staleAfterMs: 2000 });
  longVideo = await readFile(await makeTestsrc(path.join(env.dir, "long.mp4"), 60));
});
afterAll(() => env?.close());

describe("import progress and cancel", { timeout: 90_000 }, () => {
  it("reports progress while a long video runs; cancel stops it, keeps its frames and cancels queued imports at once", async () => {
    const dataset = await seedDataset(env.api.db);
    const running = await importFiles(env, dataset.id, [{ name: "long.mp4", data: longVideo }], { sampleFps: 2 });
    // The worker runs one import at a time: this one waits behind the long one.
    const queued = await importFiles(env, dataset.id, [{ name: "later.png", data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#102030" } }).png().toBuffer() }]);

    const seen: ImportJobView[] = [];
    const midway = await eventually("progress strictly between 0 and 1", async () => {
      const job = await getImport(env.api, env.adminToken, running.job.id);
      seen.push(job);
      expect(job.done).toBeLessThanOrEqual(job.total);
      expect(job.status).not.toMatch(/SUCCEEDED|FAILED|CANCELLED/); // it must not finish before we cancel
      return job.status === "RUNNING" && job.progress > 0 && job.progress < 1 && job.framesAdded > 0 ? job : null;
    }, 30_000, 25);
    expect(midway.total).toBeGreaterThanOrEqual(120);
    // Progress never goes backwards.
    const progress = seen.map((job) => job.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const queuedCancel = await cancelImport(env.api, env.adminToken, queued.job.id);
    expect(queuedCancel).toMatchObject({ status: "CANCELLED", cancelRequested: true });
    expect(queuedCancel.items).toEqual([expect.objectContaining({ fileName: "later.png", status: "CANCELLED" })]);

    const requested = await cancelImport(env.api, env.adminToken, running.job.id);
    expect(requested.cancelRequested).toBe(true);
    expect(["RUNNING", "CANCELLED"]).toContain(requested.status);

    const stopped = await waitForImport(env.api, env.adminToken, running.job.id, 20_000);
    expect(stopped).toMatchObject({ status: "CANCELLED", error: null });
    expect(stopped.items).toEqual([expect.objectContaining({ fileName: "long.mp4", status: "CANCELLED" })]);
    const kept = await env.api.db.frame.count({ where: { datasetId: dataset.id } });
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(120);
    expect(stopped.framesAdded).toBe(kept);
    expect(stopped.done).toBeLessThanOrEqual(stopped.total);
    expect(stopped.progress).toBeLessThan(1);

    // Settled: the frames kept are a gap-free prefix of the video, and no more appear.
    const timestamps = (await env.api.db.frame.findMany({ where: { datasetId: dataset.id }, orderBy: { timestampMs: "asc" }, select: { timestampMs: true } })).map((f) => f.timestampMs);
    expect(timestamps).toEqual(Array.from({ length: kept }, (_, i) => i * 500));
    // The worker is free again (it takes the next import) and the long one has stayed put meanwhile.
    const next = await (await importFiles(env, dataset.id, [{ name: "next.png", data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#405060" } }).png().toBuffer() }])).finished();
    expect(next.status).toBe("SUCCEEDED");
    expect(await env.api.db.frame.count({ where: { datasetId: dataset.id, videoId: { not: null } } })).toBe(kept);
    expect((await getImport(env.api, env.adminToken, queued.job.id)).status).toBe("CANCELLED");
    expect(await env.api.db.frame.count({ where: { datasetId: dataset.id, sourceName: "later.png" } })).toBe(0);
  });

  it("cancelling a finished import changes nothing", async () => {
    const dataset = await seedDataset(env.api.db);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#aa0000" } }).png().toBuffer();
    const finished = await (await importFiles(env, dataset.id, [{ name: "done.png", data: png }])).finished();
    expect(finished.status).toBe("SUCCEEDED");
    const before = await env.api.db.job.findUniqueOrThrow({ where: { id: finished.id } });
    const after = await cancelImport(env.api, env.adminToken, finished.id);
    expect(after).toEqual(finished);
    expect(await env.api.db.job.findUniqueOrThrow({ where: { id: finished.id } })).toEqual(before);
    expect(await env.api.db.frame.count({ where: { datasetId: dataset.id } })).toBe(1);
  });
});
