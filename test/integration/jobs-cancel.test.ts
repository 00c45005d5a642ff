import { randomBytes, randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobKind, JobStatus } from "@kao/db";
import { seedDataset } from "@kao/db/seed";
import { hashFile } from "@kao/ml";
import { frameKeys } from "@kao/storage";
import type { TestApi } from "../support/api.ts";
import { expectError, signedIn, type Caller } from "./support/graphql.ts";
import { colourImage, seedSplitVersion, startMlEnv, tinyBackboneModel, vectorBytes, waitForJob, type MlEnv } from "./support/ml-fixtures.ts";

// cancelJob on real parts: the API, a worker on a database of its own, a real ONNX model. A queued
// job is cancelled at once; a running extraction stops at a page boundary with its vectors kept.
let env: MlEnv;
let api: TestApi;
let admin: Caller;
let backboneId: string;

beforeAll(async () => {
  env = await startMlEnv();
  api = env.api;
  admin = await signedIn(api, { role: "ADMIN" });
  const file = path.join(env.dataDir, "tiny.onnx");
  await writeFile(file, tinyBackboneModel());
  const backbone = await api.db.backbone.create({
    data: { name: `tiny-${randomUUID()}`, modelPath: file, sha256: await hashFile(file), inputWidth: 16, inputHeight: 16, scale: 1 / 255, tapLayer: "features", dims: 4 },
  });
  backboneId = backbone.id;
});
afterAll(() => env?.close());

const JOB_FIELDS = "id status done total cancelRequested";
const CANCEL = `mutation($id: ID!) { cancelJob(id: $id) { __typename ... on CancelJobSuccess { data { __typename ${JOB_FIELDS} } } ... on Error { message } } }`;
const JOB = `query($id: ID!) { job(id: $id) { __typename ${JOB_FIELDS} } }`;
const START_TRAINING = `mutation($input: StartTrainingInput!) { startTraining(input: $input) { __typename ... on StartTrainingSuccess { data { id } } ... on Error { message } } }`;
const START_EXTRACTION = `mutation($input: StartExtractionInput!) { startExtraction(input: $input) { __typename ... on StartExtractionSuccess { data { id } } } }`;

type JobView = { __typename: string; id: string; status: JobStatus; done: number; total: number; cancelRequested: boolean };
type CancelResult = { cancelJob: { __typename: string; data?: JobView; message?: string } };

/** A job row as the API's start mutations write it, left off the queue so that it stays where it is. */
async function seedJob(kind: JobKind, status: JobStatus, datasetId: string | null) {
  return api.db.job.create({ data: { kind, status, datasetId, params: {}, ...(status === "SUCCEEDED" ? { finishedAt: new Date() } : {}) } });
}

/** `count` frames with a stored display image each (one JPEG, written under every frame's key). */
async function seedFrames(datasetId: string, count: number) {
  const title = await api.db.title.create({ data: { datasetId, name: `T-${randomUUID()}` } });
  const jpeg = await colourImage({ r: 200, g: 60, b: 40 }, 1);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const sha256 = randomBytes(32).toString("hex");
    await api.storage.put(frameKeys(datasetId, sha256).display, jpeg);
    rows.push({ datasetId, titleId: title.id, sourceName: `f${i}.jpg`, storageKey: frameKeys(datasetId, sha256).prefix, sha256, width: 48, height: 32 });
  }
  await api.db.frame.createMany({ data: rows });
}

async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("cancelJob", () => {
  it("cancels a queued job at once, audited, and shows it through the generic job query", async () => {
    const dataset = await seedDataset(api.db, { members: [admin.user] });
    for (const kind of ["EXTRACT", "TRAIN", "PREDICT"] as const) {
      const job = await seedJob(kind, "QUEUED", dataset.id);
      const response = await admin.graphql<CancelResult>(CANCEL, { id: job.id });
      expect(response.errors).toBeUndefined();
      const typename = { EXTRACT: "ExtractionJob", TRAIN: "TrainingJob", PREDICT: "PredictionJob" }[kind];
      expect(response.data?.cancelJob).toMatchObject({ __typename: "CancelJobSuccess", data: { __typename: typename, id: job.id, status: "CANCELLED", cancelRequested: true } });
      const row = await api.db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(row.finishedAt).not.toBeNull();
      expect(await api.db.auditLog.count({ where: { action: "job.cancel", targetId: job.id, actorId: admin.user.id } })).toBe(1);
      const read = await admin.graphql<{ job: JobView }>(JOB, { id: job.id });
      expect(read.data?.job).toMatchObject({ __typename: typename, status: "CANCELLED" });
    }
  });

  it("stops a running extraction at a page boundary: done < total, one vector per frame done", async () => {
    const dataset = await seedDataset(api.db, { members: [admin.user] });
    // 16 pages of 64 frames: the cancel lands long before the last one.
    await seedFrames(dataset.id, 1024);
    const started = await admin.graphql<{ startExtraction: { data: { id: string } } }>(START_EXTRACTION, { input: { datasetId: dataset.id, backboneId } });
    const jobId = started.data?.startExtraction.data.id;
    if (!jobId) throw new Error(`no extraction job: ${JSON.stringify(started)}`);
    // Mid-way: the first page is written.
    await waitUntil(() => api.db.job.findUniqueOrThrow({ where: { id: jobId } }), (job) => job.done > 0);

    const response = await admin.graphql<CancelResult>(CANCEL, { id: jobId });
    expect(response.data?.cancelJob).toMatchObject({ __typename: "CancelJobSuccess", data: { id: jobId, cancelRequested: true } });
    const job = await waitForJob(api.db, jobId);
    expect(job.status).toBe("CANCELLED");
    expect(job.total).toBe(1024);
    expect(job.done).toBeGreaterThan(0);
    expect(job.done).toBeLessThan(job.total);
    expect(job.done % 64).toBe(0); // whole pages only
    expect(job.failed).toBe(0);
    expect(await api.db.featureVector.count({ where: { backboneId, frame: { datasetId: dataset.id } } })).toBe(job.done);
    const read = await admin.graphql<{ job: JobView }>(JOB, { id: jobId });
    expect(read.data?.job).toMatchObject({ __typename: "ExtractionJob", status: "CANCELLED", done: job.done, total: 1024, cancelRequested: true });

    // A finished job cannot be cancelled again: a typed conflict, nothing changed.
    const again = await admin.graphql<CancelResult>(CANCEL, { id: jobId });
    expect(again.data?.cancelJob).toMatchObject({ __typename: "ConflictError", message: expect.stringMatching(/already finished \(cancelled\)/) });
  });

  it("stops a running training before it writes any run", async () => {
    const dataset = await seedDataset(api.db, { members: [admin.user] });
    const title = await api.db.title.create({ data: { datasetId: dataset.id, name: "T" } });
    const assignments: { frameId: string; split: "TRAIN" | "VAL" }[] = [];
    for (let i = 0; i < 40; i++) {
      const face = i % 2 === 0;
      const frame = await api.db.frame.create({
        data: {
          datasetId: dataset.id,
          titleId: title.id,
          sourceName: `v${i}.jpg`,
          storageKey: `none/${i}`,
          sha256: randomBytes(32).toString("hex"),
          width: 48,
          height: 32,
          labelStatus: "DONE",
          labelCount: 1,
          consensus: { create: { label: face ? "FACE" : "NO_FACE", method: "UNANIMOUS" } },
        },
      });
      const wobble = (i % 7) / 10;
      await api.db.featureVector.create({ data: { frameId: frame.id, backboneId, vector: vectorBytes(face ? [1 + wobble, 0.2, 0, wobble] : [0.1, 1 - wobble, 0.5, wobble]) } });
      assignments.push({ frameId: frame.id, split: i < 30 ? "TRAIN" : "VAL" });
    }
    const version = await seedSplitVersion(api.db, dataset.id, assignments);
    // The paper’s 9 kernels × 30 values of C (the most allowed): 270 configurations, 541 steps of progress.
    const Cs = Array.from({ length: 30 }, (_, i) => 0.01 * 1.4 ** i);
    const started = await admin.graphql<{ startTraining: { data?: { id: string } } }>(START_TRAINING, { input: { datasetId: dataset.id, backboneId, splitVersionId: version.id, Cs } });
    const jobId = started.data?.startTraining.data?.id;
    if (!jobId) throw new Error(`no training job: ${JSON.stringify(started)}`);
    await waitUntil(() => api.db.job.findUniqueOrThrow({ where: { id: jobId } }), (job) => job.done > 0);

    const response = await admin.graphql<CancelResult>(CANCEL, { id: jobId });
    expect(response.data?.cancelJob).toMatchObject({ __typename: "CancelJobSuccess", data: { id: jobId, cancelRequested: true } });
    const job = await waitForJob(api.db, jobId);
    expect(job).toMatchObject({ status: "CANCELLED", total: 541 });
    expect(job.done).toBeLessThan(job.total);
    // Runs are written all at once after the grid and its evaluation: a cancel before that leaves none.
    expect(await api.db.trainingRun.count({ where: { jobId } })).toBe(0);
  });

  it("refuses to cancel a finished job with a clear conflict", async () => {
    const dataset = await seedDataset(api.db, { members: [admin.user] });
    const job = await seedJob("TRAIN", "SUCCEEDED", dataset.id);
    const response = await admin.graphql<CancelResult>(CANCEL, { id: job.id });
    expect(response.errors).toBeUndefined();
    expect(response.data?.cancelJob).toEqual({ __typename: "ConflictError", message: "This training job already finished (succeeded); there is nothing to cancel." });
    expect(await api.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED", cancelRequestedAt: null });
    expect(await api.db.auditLog.count({ where: { action: "job.cancel", targetId: job.id } })).toBe(0);
  });

  it("lets only admins cancel, and says not found for unknown jobs and imports' ids are refused", async () => {
    const labeller = await signedIn(api, { role: "LABELER" });
    const dataset = await seedDataset(api.db, { members: [admin.user, labeller.user] });
    const job = await seedJob("EXTRACT", "QUEUED", dataset.id);
    expectError(await labeller.graphql(CANCEL, { id: job.id }), "FORBIDDEN");
    expect((await api.db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("QUEUED");
    // The labeller is a member: they may watch the job, not stop it.
    expect((await labeller.graphql<{ job: JobView }>(JOB, { id: job.id })).data?.job).toMatchObject({ id: job.id, status: "QUEUED" });

    expectError(await admin.graphql(CANCEL, { id: randomUUID() }), "NOT_FOUND");
    expectError(await admin.graphql(JOB, { id: randomUUID() }), "NOT_FOUND");
    const outsider = await signedIn(api, { role: "VIEWER" });
    expectError(await outsider.graphql(JOB, { id: job.id }), "NOT_FOUND");
    const download = await seedJob("DOWNLOAD", "QUEUED", null);
    expectError(await labeller.graphql(JOB, { id: download.id }), "NOT_FOUND");

    const importJob = await seedJob("IMPORT", "QUEUED", dataset.id);
    const refused = await admin.graphql(CANCEL, { id: importJob.id });
    expectError(refused, "BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toMatch(/cancelImport/);
  });
});
