import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { cancelImport, eventually, importFiles, makeTestsrc, startImportEnv, waitForImport, type ImportEnv } from "../support/import.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

let env: ImportEnv;
let dataDir: string;
const workers: WorkerProcess[] = [];

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

/** The real worker, as `npm start` runs it: its own OS process, on the API's database and files. */
async function startWorkerProcess(): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: env.database.connectionString,
      KAO_DATA_DIR: dataDir,
      KAO_JOB_STALE_SECONDS: "2",
      KAO_WORKER_POOL_SIZE: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.setEncoding("utf8").on("data", (text: string) => output.push(text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => output.push(text));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const worker = { child, output, exited };
  workers.push(worker);
  await eventually(`the worker to start; output so far:\n${output.join("")}`, async () => output.join("").includes('"worker ready"') || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}:\n${output.join("")}`);
  return worker;
}

async function kill(worker: WorkerProcess, signal: NodeJS.Signals) {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  await worker.exited;
}

/** The newest worker process, if still running; else a new one. */
async function runningWorker(): Promise<WorkerProcess> {
  const last = workers.at(-1);
  return last && last.child.exitCode === null && last.child.signalCode === null ? last : startWorkerProcess();
}

/** Starts an import of `video` and SIGKILLs the worker once it has stored a few frames (of 40). */
async function killMidImport(video: Buffer) {
  const dataset = await seedDataset(env.api.db);
  const worker = await runningWorker();
  const { job } = await importFiles(env, dataset.id, [{ name: "ep40.mp4", data: video }], { episode: "40" });
  await eventually("the first frames", async () => (await env.api.db.frame.count({ where: { datasetId: dataset.id } })) >= 3, 30_000, 10);
  await kill(worker, "SIGKILL");
  const row = await env.api.db.job.findUniqueOrThrow({ where: { id: job.id } });
  const frames = await env.api.db.frame.findMany({ where: { datasetId: dataset.id }, select: { timestampMs: true } });
  // Killed mid-way: still RUNNING in the database, partly done.
  expect(row.status).toBe("RUNNING");
  expect(frames.length, "the worker finished before it was killed; make the video longer").toBeLessThan(40);
  return { datasetId: dataset.id, jobId: job.id, beforeCrash: frames.map((f) => f.timestampMs) };
}

let video40: Buffer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-data-"));
  await mkdir(path.join(dataDir, "files"));
  env = await startImportEnv({ workers: 0, storageRoot: path.join(dataDir, "files") });
  video40 = await readFile(await makeTestsrc(path.join(env.dir, "ep40.mp4"), 40));
});
afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker, "SIGKILL")));
  await env?.close();
  await rm(dataDir, { recursive: true, force: true });
});

// One worker process at a time, handed from test to test (each start costs a couple of seconds).
describe("worker processes killed with SIGKILL", { timeout: 90_000 }, () => {
  it("while idle: the queue stays usable, the next worker takes new imports", async () => {
    const idle = await startWorkerProcess();
    await kill(idle, "SIGKILL");
    await startWorkerProcess();
    const dataset = await seedDataset(env.api.db);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a0b0c" } }).png().toBuffer();
    const { job } = await importFiles(env, dataset.id, [{ name: "after-idle-kill.png", data: png }]);
    const finished = await waitForImport(env.api, env.adminToken, job.id, 20_000);
    expect(finished).toMatchObject({ status: "SUCCEEDED", framesAdded: 1 });
  });

  it("mid-import: a new worker resumes without duplicate or missing frames, with consistent counters", async () => {
    const { datasetId, jobId, beforeCrash } = await killMidImport(video40);
    await startWorkerProcess();
    const finished = await waitForImport(env.api, env.adminToken, jobId, 45_000);
    expect(finished.status).toBe("SUCCEEDED");

    const frames = await env.api.db.frame.findMany({ where: { datasetId }, orderBy: { timestampMs: "asc" } });
    const videos = await env.api.db.video.findMany({ where: { datasetId } });
    expect(videos).toHaveLength(1);
    expect(videos[0]?.status).toBe("SUCCEEDED");
    expect(frames.every((f) => f.videoId === videos[0]?.id)).toBe(true);
    // Exactly one frame per second of video: no duplicates, no gaps, the crash-time frames kept.
    expect(frames.map((f) => f.timestampMs)).toEqual(Array.from({ length: 40 }, (_, i) => i * 1000));
    expect(new Set(frames.map((f) => f.sha256)).size).toBe(40);
    expect(frames.every((f) => f.sceneId !== null)).toBe(true);
    for (const timestamp of beforeCrash) expect(frames.map((f) => f.timestampMs)).toContain(timestamp);

    // Counters agree with what is stored.
    expect(finished).toMatchObject({ done: 40, total: 40, failed: 0, framesAdded: 40, duplicates: 0, progress: 1 });
    expect(finished.items).toEqual([expect.objectContaining({ fileName: "ep40.mp4", status: "SUCCEEDED", framesAdded: 40, duplicates: 0, failed: 0, error: null })]);
  });

  it("mid-import, then cancelled while no worker runs: the next worker finishes the cancel instead of resuming", async () => {
    const { datasetId, jobId, beforeCrash } = await killMidImport(video40);
    const requested = await cancelImport(env.api, env.adminToken, jobId);
    expect(requested).toMatchObject({ status: "RUNNING", cancelRequested: true });

    await startWorkerProcess();
    const settled = await waitForImport(env.api, env.adminToken, jobId, 20_000);
    expect(settled.status).toBe("CANCELLED");
    expect(settled.items).toEqual([expect.objectContaining({ fileName: "ep40.mp4", status: "CANCELLED" })]);
    // The frames from before the crash stay; nothing was added after the cancel.
    const frames = await env.api.db.frame.findMany({ where: { datasetId }, select: { timestampMs: true } });
    expect(frames.map((f) => f.timestampMs).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(beforeCrash.sort((a, b) => (a ?? 0) - (b ?? 0)));
  });
});
