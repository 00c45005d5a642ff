import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "@kao/db";
import { seedDataset, seedTitle } from "@kao/db/seed";
import { hashFile } from "@kao/ml";
import { seededRandom } from "@kao/ml/random";
import { QUEUES, connectQueue, type Queue } from "@kao/queue";
import { frameKeys } from "@kao/storage";
import { colourImage, tinyBackboneModel, vectorBytes, waitForJob } from "../integration/support/ml-fixtures.ts";
import { eventually, importFiles, makeTestsrc, startImportEnv, type ImportEnv } from "../support/import.ts";
import { startWorkerProcess, type AppProcess } from "./support/processes.ts";

// The real worker, in its own OS process, is killed with SIGKILL in the middle of an import, an
// extraction and a training job, and a new one is started: each job must finish as if nothing had
// happened, with no frame, vector or run twice. "In the middle" is read from the database (the job's
// done / total), never guessed with a sleep.

let env: ImportEnv;
let dataDir: string;
let queue: Queue;
const workers: AppProcess[] = [];

const startWorker = async () => {
  const worker = await startWorkerProcess({ databaseUrl: env.database.connectionString, dataDir });
  workers.push(worker);
  return worker;
};
/** The worker that finished the previous test, if any, else a new one: each start costs seconds. */
const runningWorker = async () => {
  const last = workers.at(-1);
  return last?.running() ? last : startWorker();
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-faults-worker-"));
  await mkdir(path.join(dataDir, "files"));
  // The API (in this process) and the worker processes share the data folder; no in-process worker.
  env = await startImportEnv({ workers: 0, storageRoot: path.join(dataDir, "files") });
  queue = await connectQueue({ connectionString: env.database.connectionString, applicationName: "kao-faults-test" });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()));
  await queue?.stop(false);
  await env?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until the job is RUNNING with `done` in (after, total), as a worker wrote it, and returns that row. */
async function midway(jobId: string, after = 0): Promise<Job> {
  return eventually(`job ${jobId} to be mid-way (done > ${after})`, async () => {
    const job = await env.api.db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status !== "QUEUED" && job.status !== "RUNNING") throw new Error(`job ${jobId} ended (${job.status}, ${job.done}/${job.total}) before it could be killed mid-way: make it bigger`);
    return job.status === "RUNNING" && job.done > after && job.done < job.total ? job : null;
  }, 60_000, 10);
}

/** SIGKILLs the worker, then checks the job was left mid-way (RUNNING, partly done): a real crash. */
async function killMidway(worker: AppProcess, jobId: string) {
  await worker.kill("SIGKILL");
  const job = await env.api.db.job.findUniqueOrThrow({ where: { id: jobId } });
  expect(job.status).toBe("RUNNING");
  expect(job.done).toBeLessThan(job.total);
  return job;
}

describe("worker killed with SIGKILL and restarted", { timeout: 180_000 }, () => {
  it("mid-import, twice: the import resumes each time and stores every frame exactly once", async () => {
    const dataset = await seedDataset(env.api.db);
    const seconds = 60;
    const video = await readFile(await makeTestsrc(path.join(env.dir, "long.mp4"), seconds, { size: "640x360" }));
    let worker = await runningWorker();
    const { job } = await importFiles(env, dataset.id, [{ name: "long.mp4", data: video }], { episode: "1" });

    const first = await midway(job.id);
    await killMidway(worker, job.id);
    worker = await startWorker();
    // The second worker takes the job over (heartbeat stale after 2 s) and gets further before it dies too.
    const second = await midway(job.id, first.done);
    await killMidway(worker, job.id);
    await startWorker();
    const finished = await waitForJob(env.api.db, job.id, 90_000);

    expect(finished).toMatchObject({ status: "SUCCEEDED", done: seconds, total: seconds, failed: 0, error: null });
    expect(second.done).toBeGreaterThan(first.done);
    const frames = await env.api.db.frame.findMany({ where: { datasetId: dataset.id }, orderBy: { timestampMs: "asc" } });
    expect(frames.map((frame) => frame.timestampMs)).toEqual(Array.from({ length: seconds }, (_, i) => i * 1000));
    expect(new Set(frames.map((frame) => frame.sha256)).size).toBe(seconds);
    expect(await env.api.db.video.findMany({ where: { datasetId: dataset.id }, select: { status: true } })).toEqual([{ status: "SUCCEEDED" }]);
    expect(await env.api.db.importItem.findMany({ where: { jobId: job.id }, select: { status: true, framesAdded: true, duplicates: true, failed: true } })).toEqual([
      { status: "SUCCEEDED", framesAdded: seconds, duplicates: 0, failed: 0 },
    ]);
    // Every frame has its images, and no crash left a scene without frames behind.
    for (const frame of frames) expect(await env.api.storage.exists(frameKeys(dataset.id, frame.sha256).thumbnail)).toBe(true);
    expect(frames.every((frame) => frame.sceneId !== null)).toBe(true);
    expect(await env.api.db.scene.count({ where: { datasetId: dataset.id, frames: { none: {} } } })).toBe(0);
    console.info(`kill mid-import: killed at ${first.done}/${first.total} and ${second.done}/${second.total}; ${frames.length} frames stored once`);
  });

  it("mid-extraction: the successor computes only the missing vectors, one per frame", async () => {
    const dataset = await seedDataset(env.api.db);
    const title = await seedTitle(env.api.db, { datasetId: dataset.id });
    const count = 1500;
    // A few distinct JPEGs under many frames: extraction decodes each frame's own file all the same.
    const images = await Promise.all(Array.from({ length: 8 }, (_, i) => colourImage({ r: 30 * i, g: 100, b: 255 - 30 * i }, i)));
    const rows = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), sha256: randomBytes(32).toString("hex"), image: images[i % images.length] ?? Buffer.alloc(0) }));
    await Promise.all(rows.map((row) => env.api.storage.put(frameKeys(dataset.id, row.sha256).display, row.image)));
    await env.api.db.frame.createMany({
      data: rows.map((row, i) => ({ id: row.id, datasetId: dataset.id, titleId: title.id, sourceName: `f${i}.jpg`, storageKey: frameKeys(dataset.id, row.sha256).prefix, sha256: row.sha256, width: 48, height: 32 })),
    });
    const modelPath = path.join(dataDir, "tiny.onnx");
    await writeFile(modelPath, tinyBackboneModel());
    const backbone = await env.api.db.backbone.create({
      data: { name: `tiny-${dataset.id}`, modelPath, sha256: await hashFile(modelPath), inputWidth: 16, inputHeight: 16, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], tapLayer: "features", pooling: "AVG", dims: 4 },
    });

    const worker = await runningWorker();
    const job = await env.api.db.job.create({ data: { kind: "EXTRACT", datasetId: dataset.id, params: { backboneId: backbone.id, batchSize: 8 } } });
    await queue.send(QUEUES.extract, { jobId: job.id });
    const killedAt = await midway(job.id);
    await killMidway(worker, job.id);
    const before = await env.api.db.featureVector.findMany({ where: { backboneId: backbone.id }, select: { frameId: true, updatedAt: true } });
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(count);

    await startWorker();
    const finished = await waitForJob(env.api.db, job.id, 90_000);
    expect(finished).toMatchObject({ status: "SUCCEEDED", done: count, total: count, failed: 0 });
    const vectors = await env.api.db.featureVector.findMany({ where: { backboneId: backbone.id }, select: { frameId: true, updatedAt: true } });
    expect(vectors).toHaveLength(count);
    expect(new Set(vectors.map((vector) => vector.frameId))).toEqual(new Set(rows.map((row) => row.id)));
    // The vectors written before the crash were kept as they were, not computed and written again.
    const after = new Map(vectors.map((vector) => [vector.frameId, vector.updatedAt.getTime()]));
    for (const vector of before) expect(after.get(vector.frameId)).toBe(vector.updatedAt.getTime());
    console.info(`kill mid-extraction: killed at ${killedAt.done}/${killedAt.total} (${before.length} vectors kept); ${vectors.length} vectors, one per frame`);
  });

  it("mid-training: the successor trains the grid again and stores each configuration once", async () => {
    const dataset = await seedDataset(env.api.db);
    const title = await seedTitle(env.api.db, { datasetId: dataset.id });
    const dims = 32;
    const backbone = await env.api.db.backbone.create({
      data: { name: `vectors-${dataset.id}`, modelPath: "unused.onnx", sha256: "0".repeat(64), inputWidth: 16, inputHeight: 16, tapLayer: "features", dims },
    });
    // Two overlapping Gaussian classes: no kernel separates them outright, so LIBSVM has real work per configuration.
    const next = seededRandom(7).normal;
    const splits = ["TRAIN", "TRAIN", "TRAIN", "VAL", "TEST"] as const;
    const frames = Array.from({ length: 2000 }, (_, i) => ({ id: randomUUID(), label: i % 2 === 0 ? ("FACE" as const) : ("NO_FACE" as const), split: splits[i % splits.length] ?? "TRAIN" }));
    await env.api.db.frame.createMany({
      data: frames.map((frame, i) => ({ id: frame.id, datasetId: dataset.id, titleId: title.id, sourceName: `v${i}.jpg`, storageKey: `none/${i}`, sha256: randomBytes(32).toString("hex"), width: 1, height: 1, labelStatus: "DONE" as const, labelCount: 1 })),
    });
    await env.api.db.consensus.createMany({ data: frames.map((frame) => ({ frameId: frame.id, label: frame.label, method: "UNANIMOUS" as const })) });
    await env.api.db.featureVector.createMany({
      data: frames.map((frame) => ({ frameId: frame.id, backboneId: backbone.id, vector: vectorBytes(Array.from({ length: dims }, (_, d) => next() + (d < 4 && frame.label === "FACE" ? 0.6 : 0))) })),
    });
    const version = await env.api.db.splitVersion.create({ data: { datasetId: dataset.id, name: "v1", seed: 1, params: {} } });
    await env.api.db.splitAssignment.createMany({ data: frames.map((frame) => ({ splitVersionId: version.id, frameId: frame.id, split: frame.split })) });
    const kernels = [{ kernel: "LINEAR" }, { kernel: "RBF" }, { kernel: "POLY", degree: 2 }, { kernel: "POLY", degree: 3 }] as const;
    const Cs = [0.1, 1, 10];
    const params = { backboneId: backbone.id, splitVersionId: version.id, kernels, Cs, suggestBatchSize: 0, flagLabelErrors: false };

    const worker = await runningWorker();
    const job = await env.api.db.job.create({ data: { kind: "TRAIN", datasetId: dataset.id, params } });
    await queue.send(QUEUES.train, { jobId: job.id });
    const killedAt = await midway(job.id);
    await killMidway(worker, job.id);
    expect(await env.api.db.trainingRun.count({ where: { jobId: job.id } })).toBe(0);

    await startWorker();
    const finished = await waitForJob(env.api.db, job.id, 120_000);
    expect(finished).toMatchObject({ status: "SUCCEEDED", error: null });
    expect(finished.done).toBe(finished.total);
    const runs = await env.api.db.trainingRun.findMany({ where: { datasetId: dataset.id }, select: { id: true, jobId: true, kernel: true, params: true } });
    const grid = kernels.length * Cs.length;
    expect(runs).toHaveLength(grid);
    expect(runs.every((run) => run.jobId === job.id)).toBe(true);
    const configurations = runs.map((run) => {
      const stored = run.params as { C: number; degree: number | null };
      return `${run.kernel}/${stored.degree ?? "-"}/${stored.C}`;
    });
    expect(new Set(configurations).size).toBe(grid);
    // The job's result points at exactly these runs.
    const result = finished.result as { runIds: string[] };
    expect(new Set(result.runIds)).toEqual(new Set(runs.map((run) => run.id)));
    console.info(`kill mid-training: killed at ${killedAt.done}/${killedAt.total}; ${runs.length} runs for a grid of ${grid}, each configuration once`);
  });
});

