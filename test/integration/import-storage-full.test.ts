import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer } from "@kao/api";
import { seedDataset } from "@kao/db/seed";
import { frameKeys, type BlobStorage } from "@kao/storage";
import { TEST_SESSION_SECRET } from "../support/api.ts";
import { importFiles, listFiles, makeTestsrc, startImportEnv, upload, type ImportEnv } from "../support/import.ts";

const png = (background: string) => sharp({ create: { width: 8, height: 8, channels: 3, background } }).png().toBuffer();

/** Every frame row has its three JPEGs: a full disk may leave stray files, never a row without its images. */
async function expectEveryFrameHasItsFiles(env: ImportEnv, datasetId: string) {
  const frames = await env.api.db.frame.findMany({ where: { datasetId } });
  for (const frame of frames) {
    const keys = frameKeys(datasetId, frame.sha256);
    expect(frame.storageKey).toBe(keys.prefix);
    for (const key of [keys.image, keys.display, keys.thumbnail]) {
      expect(await env.api.storage.exists(key), key).toBe(true);
      expect((await stat(path.join(env.api.storageRoot, key))).size).toBeGreaterThan(0);
    }
  }
  return frames;
}

describe("storage full (a storage whose writes fail with ENOSPC)", { timeout: 90_000 }, () => {
  let env: ImportEnv;
  const disk = { framePutsLeft: Infinity };
  const fullDisk = (storage: BlobStorage): BlobStorage => ({
    ...storage,
    async put(key, data, options) {
      if (key.startsWith("frames/") && disk.framePutsLeft-- <= 0) {
        if (!Buffer.isBuffer(data)) data.resume();
        throw Object.assign(new Error("write failed: no space left on device"), { code: "ENOSPC" });
      }
      return storage.put(key, data, options);
    },
  });

  beforeAll(async () => {
    env = await startImportEnv({ storage: fullDisk });
  });
  afterAll(() => env?.close());

  it("fails the import with a clear message, keeps no frame without its files, and imports again once there is room", async () => {
    const dataset = await seedDataset(env.api.db);
    const video = await readFile(await makeTestsrc(path.join(env.dir, "ep.mp4"), 12));
    // Room for two frames (three JPEGs each) and one JPEG of the third.
    disk.framePutsLeft = 7;
    const first = await importFiles(env, dataset.id, [
      { name: "ep.mp4", data: video },
      { name: "z-later.png", data: await png("#0000ff") },
    ]);
    const failed = await first.finished();
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/storage is full/i);
    // No file is left "running" or "queued" under a failed job.
    expect(failed.items.map((i) => [i.fileName, i.status])).toEqual([
      ["ep.mp4", "FAILED"],
      ["z-later.png", "FAILED"],
    ]);
    expect(failed.items[0]?.error).toMatch(/storage is full/i);
    expect(failed.framesAdded).toBe(2);
    expect(failed.done).toBeLessThanOrEqual(failed.total);
    const stored = await expectEveryFrameHasItsFiles(env, dataset.id);
    expect(stored.map((f) => f.timestampMs)).toEqual([0, 1000]);
    // A still image on the full disk: nothing of it stays behind, not even an empty scene.
    disk.framePutsLeft = 0;
    const still = await (await importFiles(env, dataset.id, [{ name: "still.png", data: await png("#00ff00") }])).finished();
    expect(still).toMatchObject({ status: "FAILED", framesAdded: 0 });
    expect(await env.api.db.scene.count({ where: { datasetId: dataset.id, frames: { none: {} } } })).toBe(0);

    // Space freed: the same files, uploaded again, import; the video carries on where it stopped.
    disk.framePutsLeft = Infinity;
    const retry = await (await importFiles(env, dataset.id, [
      { name: "ep.mp4", data: video },
      { name: "z-later.png", data: await png("#0000ff") },
    ])).finished();
    expect(retry).toMatchObject({ status: "SUCCEEDED", error: null, framesAdded: 11, failed: 0 });
    const frames = await expectEveryFrameHasItsFiles(env, dataset.id);
    expect(frames.filter((f) => f.videoId).map((f) => f.timestampMs).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 12 }, (_, i) => i * 1000));
    expect(frames).toHaveLength(13);
  });

  it("refuses uploads with STORAGE_FULL when the disk is full, and answers 500 (without crashing) on other storage errors", async () => {
    // The API itself on a storage whose uploads fail (the test API cannot be given one).
    let failure = new Error("unset");
    const broken: BlobStorage = {
      ...env.api.storage,
      async put(_key, data) {
        if (!Buffer.isBuffer(data)) data.resume();
        throw failure;
      },
    };
    const server = await createApiServer({ db: env.api.db, sessionSecret: TEST_SESSION_SECRET, platform: { storage: broken, enqueueImport: async () => {} } });
    try {
      const api = { ...env.api, origin: new URL((await server.listen(0)).url).origin };
      const dataset = await seedDataset(env.api.db);
      const files = [
        { name: "a.png", data: await png("#010101") },
        { name: "b.png", data: Buffer.concat([await png("#020202"), Buffer.alloc(256 * 1024)]) },
      ];
      failure = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const full = await upload(api, env.adminToken, dataset.id, files);
      expect(full.status).toBe(400);
      expect(full.errors.map((e) => [e.fileName, e.code])).toEqual([
        ["a.png", "STORAGE_FULL"],
        ["b.png", "STORAGE_FULL"],
      ]);
      expect(full.errors[0]?.message).toMatch(/^a\.png: the server's storage is full/);

      // An unexpected error on the first file while the second is still arriving: a 500 for the request,
      // not an unhandled rejection (which would stop the API; vitest reports those as errors of this file).
      failure = new Error("disk on fire");
      const broke = await upload(api, env.adminToken, dataset.id, files);
      expect(broke.status).toBe(500);
      expect(broke.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await env.api.db.upload.count({ where: { datasetId: dataset.id } })).toBe(0);
      expect((await fetch(`${api.origin}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

/** A real full disk: a tiny tmpfs as the storage root. Needs root (mount); skipped elsewhere. */
function tryMountTmpfs(dir: string, bytes: number): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("storage full (a real, tiny tmpfs; root only)", { timeout: 90_000 }, () => {
  let mountPoint: string;
  let mounted = false;
  let env: ImportEnv | undefined;
  let video: Buffer;

  beforeAll(async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "kao-video-"));
    video = await readFile(await makeTestsrc(path.join(scratch, "ep.mp4"), 30));
    await rm(scratch, { recursive: true, force: true });
    mountPoint = await mkdtemp(path.join(tmpdir(), "kao-tmpfs-"));
    // The upload, plus room for a few of the 30 frames (three JPEGs of some 10 kB each).
    mounted = tryMountTmpfs(mountPoint, video.length + 256 * 1024);
    if (mounted) {
      await mkdir(path.join(mountPoint, "files"));
      env = await startImportEnv({ storageRoot: path.join(mountPoint, "files") });
    }
  });
  afterAll(async () => {
    await env?.close();
    if (mounted) execFileSync("umount", [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it("fails with the storage-full message when the disk really fills up, leaving no half-written frame", async (context) => {
    if (!mounted || !env) context.skip();
    if (!env) return;
    const dataset = await seedDataset(env.api.db);
    const job = await (await importFiles(env, dataset.id, [{ name: "ep.mp4", data: video }])).finished();
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/storage is full/i);
    const frames = await expectEveryFrameHasItsFiles(env, dataset.id);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(30);
    expect(job.framesAdded).toBe(frames.length);
    // Failed writes removed their temporary files.
    expect((await listFiles(env.api.storageRoot)).filter((file) => file.endsWith(".partial"))).toEqual([]);

    // Uploads onto the full disk are refused file by file, with a reason, not a 500.
    const refused = await upload(env.api, env.adminToken, dataset.id, [{ name: "more.mp4", data: video }]);
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([{ fileName: "more.mp4", code: "STORAGE_FULL", message: expect.stringMatching(/^more\.mp4: .*storage is full/) }]);
    expect((await listFiles(env.api.storageRoot)).filter((file) => file.endsWith(".partial"))).toEqual([]);
    expect(await env.api.db.upload.count({ where: { datasetId: dataset.id } })).toBe(1);
    // The database stays consistent: the file failed with the same message, nothing is left running,
    // and no scene was created without frames.
    expect(job.items).toEqual([expect.objectContaining({ fileName: "ep.mp4", status: "FAILED", error: expect.stringMatching(/storage is full/i) })]);
    expect(await env.api.db.job.count({ where: { datasetId: dataset.id, status: { in: ["QUEUED", "RUNNING"] } } })).toBe(0);
    expect(await env.api.db.scene.count({ where: { datasetId: dataset.id, frames: { none: {} } } })).toBe(0);

    // The disk grows (as an admin would free space): the same video imports again and carries on
    // where it stopped, every frame once.
    execFileSync("mount", ["-o", `remount,size=${video.length * 2 + 8 * 1024 * 1024}`, mountPoint]);
    const retry = await (await importFiles(env, dataset.id, [{ name: "ep.mp4", data: video }])).finished();
    expect(retry).toMatchObject({ status: "SUCCEEDED", error: null, failed: 0, framesAdded: 30 - frames.length });
    const all = await expectEveryFrameHasItsFiles(env, dataset.id);
    expect(all.map((f) => f.timestampMs).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 30 }, (_, i) => i * 1000));
    expect(await env.api.db.video.findMany({ where: { datasetId: dataset.id }, select: { status: true } })).toEqual([{ status: "SUCCEEDED" }]);
  });
});
