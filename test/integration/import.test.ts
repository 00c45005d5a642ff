import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { seedDataset, seedUser } from "@kao/db/seed";
import { startWorker } from "@kao/worker";
import { startTestApi, type TestApi } from "../support/api.ts";
import { createImport, makeVideo, upload, waitForImport } from "../support/import.ts";

let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>>;
let dir: string;
let adminToken: string;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startWorker({ db: api.db, connectionString: inject("databaseUrl"), storage: api.storage, staleAfterMs: 5000 });
  dir = await mkdtemp(path.join(tmpdir(), "kao-import-"));
  const admin = await seedUser(api.db, { role: "ADMIN" });
  adminToken = (await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, admin.id, { name: "t" })).token;
});
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("import", () => {
  it("samples a video at 1 fps with timestamps and groups colour segments into scenes, plus images", async () => {
    const dataset = await seedDataset(api.db);
    const video = await makeVideo(path.join(dir, "ep1.mp4"), [
      // Temporal noise makes every frame's pixels unique while each segment stays one scene.
      "-f", "lavfi", "-i", "smptebars=s=320x240:d=3:r=25,noise=alls=12:allf=t",
      "-f", "lavfi", "-i", "rgbtestsrc=s=320x240:d=3:r=25,noise=alls=12:allf=t",
      "-f", "lavfi", "-i", "color=blue:s=320x240:d=3:r=25,noise=alls=12:allf=t",
      "-filter_complex", "concat=n=3:v=1:a=0",
    ]);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#808000" } }).png().toBuffer();
    const uploaded = await upload(api, adminToken, dataset.id, [
      { name: "ep1.mp4", data: await readFile(video) },
      { name: "still.png", data: png },
    ]);
    expect(uploaded.errors).toEqual([]);
    expect(uploaded.uploads.map((u) => u.kind).sort()).toEqual(["IMAGE", "VIDEO"]);

    const created = await createImport(api, adminToken, { datasetId: dataset.id, title: "Test Title", episode: "1", uploadIds: uploaded.uploads.map((u) => u.id) });
    expect(created.data?.createImport.__typename).toBe("CreateImportSuccess");
    const job = await waitForImport(api, adminToken, created.data?.createImport.data?.id ?? "");
    expect(job.status).toBe("SUCCEEDED");
    expect(job.framesAdded).toBe(10);
    expect(job.progress).toBe(1);

    const frames = await api.db.frame.findMany({ where: { datasetId: dataset.id, videoId: { not: null } }, orderBy: { timestampMs: "asc" } });
    expect(frames.map((f) => f.timestampMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
    expect(new Set(frames.map((f) => f.sceneId)).size).toBe(3);
  });
});
