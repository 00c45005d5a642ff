import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Label, Split } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { runTrain } from "@kao/worker";
import type { TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { seedSplitVersion, startMlEnv, vectorBytes, waitForJob, type MlEnv } from "./support/ml-fixtures.ts";

// Training requests that cannot work, refused by the API when it can tell, or failed by the worker
// with a message that says what to do. Feature vectors are written directly (2 dimensions, no model).
let env: MlEnv;
let api: TestApi;
let admin: Caller;

beforeAll(async () => {
  env = await startMlEnv({ trainThreads: 1 });
  api = env.api;
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => env?.close());

const START = `mutation($input: StartTrainingInput!) { startTraining(input: $input) {
  __typename ... on StartTrainingSuccess { data { id status } } ... on ValidationError { message inputErrors { path message } } } }`;

type Started = { startTraining: { __typename: "StartTrainingSuccess"; data: { id: string } } | { __typename: "ValidationError"; message: string; inputErrors: { path: string; message: string }[] } };

let backboneCount = 0;
const seedBackbone = () =>
  api.db.backbone.create({ data: { name: `vectors-${Date.now()}-${++backboneCount}`, modelPath: "none.onnx", sha256: "0".repeat(64), inputWidth: 8, inputHeight: 8, tapLayer: "t", dims: 2 } });

/** Frames with a consensus label, a split and (unless `vector` is null) a 2-d feature vector: FACE near (3, 3), NO_FACE near (−3, −3). */
async function seedLabelled(datasetId: string, backboneId: string, rows: { label: Label; split: Split; vector?: number[] | null }[]) {
  const title = await seedTitle(api.db, { datasetId });
  const assignments = [];
  for (const [i, row] of rows.entries()) {
    const frame = await seedFrame(api.db, { datasetId, titleId: title.id });
    await api.db.frame.update({ where: { id: frame.id }, data: { split: row.split, labelStatus: "DONE", consensus: { create: { label: row.label, method: "UNANIMOUS" } } } });
    const sign = row.label === "FACE" ? 1 : -1;
    const vector = row.vector === undefined ? [sign * 3 + (i % 3) * 0.1, sign * 3 - (i % 2) * 0.2] : row.vector;
    if (vector) await api.db.featureVector.create({ data: { frameId: frame.id, backboneId, vector: vectorBytes(vector) } });
    assignments.push({ frameId: frame.id, split: row.split });
  }
  return seedSplitVersion(api.db, datasetId, assignments);
}

const many = (label: Label, split: Split, count: number, vector?: number[] | null) => Array.from({ length: count }, () => ({ label, split, vector }));

async function train(datasetId: string, backboneId: string, splitVersionId: string, extra: Record<string, unknown> = {}) {
  const started = expectData(await admin.graphql<Started>(START, { input: { datasetId, backboneId, splitVersionId, kernels: [{ kernel: "LINEAR" }], Cs: [1], ...extra } })).startTraining;
  if (started.__typename !== "StartTrainingSuccess") throw new Error(`startTraining refused: ${started.message}`);
  return waitForJob(api.db, started.data.id);
}

describe("startTraining", () => {
  it("refuses an unknown backbone, another dataset's split version, an empty C grid and a POLY kernel without degree", async () => {
    const dataset = await seedDataset(api.db);
    const other = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const ours = await seedSplitVersion(api.db, dataset.id, []);
    const theirs = await seedSplitVersion(api.db, other.id, []);
    const input = { datasetId: dataset.id, backboneId: backbone.id, splitVersionId: ours.id, Cs: [1] };
    const refused = async (change: Record<string, unknown>) => expectData(await admin.graphql<Started>(START, { input: { ...input, ...change } })).startTraining;

    expect(await refused({ backboneId: "00000000-0000-4000-8000-000000000000" })).toEqual({ __typename: "ValidationError", message: "Unknown backbone.", inputErrors: [{ path: "backboneId", message: "Unknown backbone." }] });
    expect(await refused({ splitVersionId: theirs.id })).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "splitVersionId", message: "No such split version in this dataset." }] });
    expect(await refused({ Cs: [] })).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "Cs", message: "Give at least one C." }] });
    expect(await refused({ Cs: [1, -2] })).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "Cs.1", message: "Every C must be positive." }] });
    expect(await refused({ kernels: [{ kernel: "POLY" }] })).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "kernels.0.degree", message: "A POLY kernel needs a degree." }] });
    expect(await refused({ classWeights: "heavy" })).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "classWeights" }] });
    expectError(await admin.graphql(START, { input: { ...input, datasetId: "00000000-0000-4000-8000-000000000000" } }), "NOT_FOUND");
    expect(await api.db.job.count({ where: { datasetId: dataset.id, kind: "TRAIN" } })).toBe(0);

    for (const role of ["LABELER", "REVIEWER", "VIEWER"] as const) {
      const user = await signedIn(api, { role });
      await api.db.datasetMember.create({ data: { datasetId: dataset.id, userId: user.user.id } });
      expectError(await user.graphql(START, { input }), "FORBIDDEN");
    }
  });
});

describe("the training job", () => {
  it("fails with what to do when the backbone has no vectors in the dataset", async () => {
    const dataset = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const version = await seedLabelled(dataset.id, backbone.id, [...many("FACE", "TRAIN", 3, null), ...many("NO_FACE", "TRAIN", 3, null), ...many("FACE", "VAL", 2, null)]);
    const job = await train(dataset.id, backbone.id, version.id);
    expect(job).toMatchObject({ status: "FAILED", error: `no feature vectors for backbone "${backbone.name}" in this dataset: run an extraction with it first` });
  });

  it("fails when TRAIN lacks a class", async () => {
    const dataset = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const version = await seedLabelled(dataset.id, backbone.id, [...many("FACE", "TRAIN", 4), ...many("NO_FACE", "TRAIN", 2, null), ...many("FACE", "VAL", 2), ...many("NO_FACE", "VAL", 2)]);
    const job = await train(dataset.id, backbone.id, version.id);
    expect(job.status).toBe("FAILED");
    expect(job.error).toBe(`the TRAIN split of "${version.name}" has 4 FACE and 0 NO_FACE frames with vectors for "${backbone.name}"; an SVM needs both classes`);
  });

  it("fails when there is nothing to select on in VAL", async () => {
    const dataset = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const version = await seedLabelled(dataset.id, backbone.id, [...many("FACE", "TRAIN", 4), ...many("NO_FACE", "TRAIN", 4), ...many("FACE", "TEST", 2)]);
    const job = await train(dataset.id, backbone.id, version.id);
    expect(job).toMatchObject({ status: "FAILED", error: `the VAL split of "${version.name}" has no labelled frames with vectors for "${backbone.name}"; model selection needs some` });
    expect(await api.db.trainingRun.count({ where: { jobId: job.id } })).toBe(0);
  });

  it("writes its runs once, even when it is run again after a crash", async () => {
    const dataset = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const version = await seedLabelled(dataset.id, backbone.id, [...many("FACE", "TRAIN", 5), ...many("NO_FACE", "TRAIN", 5), ...many("FACE", "VAL", 2), ...many("NO_FACE", "VAL", 2)]);
    const job = await train(dataset.id, backbone.id, version.id, { kernels: [{ kernel: "LINEAR" }, { kernel: "POLY", degree: 3 }], Cs: [0.1, 1], suggestBatchSize: 0 });
    expect(job).toMatchObject({ status: "SUCCEEDED", done: 9, total: 9 });
    const first = await api.db.trainingRun.findMany({ where: { jobId: job.id }, select: { id: true } });
    expect(first).toHaveLength(4);

    // As if its worker had died after writing the runs: another worker takes it over and starts again.
    await api.db.job.update({ where: { id: job.id }, data: { status: "RUNNING", heartbeatAt: new Date(Date.now() - 3_600_000) } });
    expect(await runTrain({ db: api.db, workerId: "successor", staleAfterMs: 60_000, trainThreads: 1 }, job.id)).toEqual({ skipped: false });
    const second = await api.db.trainingRun.findMany({ where: { jobId: job.id }, select: { id: true, metrics: true } });
    expect(second).toHaveLength(4);
    expect(second.map((run) => run.id)).not.toContain(first[0]?.id);
    expect(await api.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED", workerId: "successor" });
  });
});

describe("publishRun", () => {
  const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) { __typename ... on Error { message } } }`;

  it("is for admins, and only for runs that kept a model", async () => {
    const dataset = await seedDataset(api.db);
    const backbone = await seedBackbone();
    const run = await api.db.trainingRun.create({ data: { datasetId: dataset.id, backboneId: backbone.id, kernel: "LINEAR", params: {}, status: "SUCCEEDED" } });
    const labeller = await signedIn(api, { role: "LABELER" });
    await api.db.datasetMember.create({ data: { datasetId: dataset.id, userId: labeller.user.id } });
    expectError(await labeller.graphql(PUBLISH, { runId: run.id }), "FORBIDDEN");
    expect(expectData(await admin.graphql<{ publishRun: unknown }>(PUBLISH, { runId: run.id })).publishRun).toEqual({
      __typename: "ValidationError",
      message: "This run kept no model: only the best C of each kernel does. Publish that run instead.",
    });
    expectError(await admin.graphql(PUBLISH, { runId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    expect((await api.db.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).publishedAt).toBeNull();
  });
});
