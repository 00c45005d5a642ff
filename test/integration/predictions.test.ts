import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Label, Split } from "@kao/db";
import { seedDataset, seedFrame } from "@kao/db/seed";
import { serialiseSvmModel, trainSvm } from "@kao/ml";
import { runPredict } from "@kao/worker";
import type { TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { seedSplitVersion, startMlEnv, vectorBytes, waitForJob, type MlEnv } from "./support/ml-fixtures.ts";

// Predictions of a published run over GraphQL: who may read them, filters and pages, resuming the
// PREDICT job, and `suggestFrames`. The run's model is a real SVM trained here on 2-d vectors.
let env: MlEnv;
let api: TestApi;
let admin: Caller;

beforeAll(async () => {
  env = await startMlEnv({ trainThreads: 1 });
  api = env.api;
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => env?.close());

const PREDICTIONS = `query($datasetId: ID!, $runId: ID, $first: Int, $after: String, $split: Split, $titleId: ID, $minScore: Float, $maxScore: Float) {
  predictions(datasetId: $datasetId, runId: $runId, first: $first, after: $after, split: $split, titleId: $titleId, minScore: $minScore, maxScore: $maxScore) {
    edges { cursor node { frame { id split title { id } } label decisionValue } } pageInfo { hasNextPage endCursor } } }`;
const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) { __typename ... on PublishRunSuccess { data { id predictionJob { id } } } } }`;

type Node = { frame: { id: string; split: Split; title: { id: string } }; label: Label; decisionValue: number };
type Page = { predictions: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/**
 * A dataset whose frames' vectors lie on a line: x = −5 … +5 (FACE when positive). Frames in TEST and
 * in a distinct title are held out. A linear SVM trained on TRAIN, stored as a run with its model.
 */
async function seedScoredDataset(members: Caller[]) {
  const dataset = await seedDataset(api.db, { members: members.map((member) => member.user) });
  const backbone = await api.db.backbone.create({ data: { name: `line-${dataset.id}`, modelPath: "none.onnx", sha256: "0".repeat(64), inputWidth: 8, inputHeight: 8, tapLayer: "t", dims: 2 } });
  const title = await api.db.title.create({ data: { datasetId: dataset.id, name: "Main" } });
  const distinct = await api.db.title.create({ data: { datasetId: dataset.id, name: "Held out", isDistinct: true } });
  const frames: { id: string; x: number; split: Split; titleId: string; label: Label | null }[] = [];
  const assignments: { frameId: string; split: Split }[] = [];
  for (let i = 0; i < 21; i++) {
    const x = i / 2 - 5;
    const split: Split = i % 5 === 0 ? "TEST" : i % 7 === 0 ? "DISTINCT" : "TRAIN";
    const titleId = split === "DISTINCT" ? distinct.id : title.id;
    const label: Label | null = i % 3 === 0 ? null : x > 0 ? "FACE" : "NO_FACE";
    const frame = await seedFrame(api.db, { datasetId: dataset.id, titleId });
    await api.db.frame.update({
      where: { id: frame.id },
      data: { split, ...(label ? { labelStatus: "DONE", consensus: { create: { label, method: "UNANIMOUS" } } } : {}) },
    });
    await api.db.featureVector.create({ data: { frameId: frame.id, backboneId: backbone.id, vector: vectorBytes([x, 0.5]) } });
    frames.push({ id: frame.id, x, split, titleId, label });
    if (label) assignments.push({ frameId: frame.id, split });
  }
  const version = await seedSplitVersion(api.db, dataset.id, assignments);
  const training = frames.filter((frame) => frame.label && frame.split === "TRAIN");
  const model = await trainSvm({
    features: Float32Array.from(training.flatMap((frame) => [frame.x, 0.5])),
    dimensions: 2,
    labels: Uint8Array.from(training, (frame) => (frame.label === "FACE" ? 1 : 0)),
    kernel: { type: "linear" },
    C: 10,
  });
  const run = await api.db.trainingRun.create({
    data: {
      datasetId: dataset.id,
      backboneId: backbone.id,
      splitVersionId: version.id,
      kernel: "LINEAR",
      status: "SUCCEEDED",
      params: { variant: "linear", C: 10, degree: null, gamma: null, coef0: null, standardise: false, classWeights: "balanced", supportCount: model.coefficients.length },
      model: new Uint8Array(serialiseSvmModel(model)),
    },
  });
  return { dataset, backbone, title, distinct, frames, run };
}

async function publish(runId: string) {
  const published = expectData(await admin.graphql<{ publishRun: { data: { predictionJob: { id: string } } } }>(PUBLISH, { runId })).publishRun.data;
  return waitForJob(api.db, published.predictionJob.id);
}

describe("predictions", () => {
  it("pages through the published run's predictions with filters, for members and API tokens", async () => {
    const viewer = await signedIn(api, { role: "VIEWER" });
    const data = await seedScoredDataset([viewer]);
    expectError(await viewer.graphql(PREDICTIONS, { datasetId: data.dataset.id }), "NOT_FOUND"); // nothing published yet
    expect(await publish(data.run.id)).toMatchObject({ status: "SUCCEEDED", done: 21, total: 21 });

    const seen: Node[] = [];
    let pages = 0;
    for (let after: string | null = null; ; pages++) {
      const page: Page = expectData(await viewer.graphql<Page>(PREDICTIONS, { datasetId: data.dataset.id, first: 8, after }));
      seen.push(...page.predictions.edges.map((edge) => edge.node));
      if (!page.predictions.pageInfo.hasNextPage) break;
      after = page.predictions.pageInfo.endCursor;
    }
    expect(pages).toBe(2); // 8 + 8 + 5
    expect(seen.map((node) => node.frame.id)).toEqual(data.frames.map((frame) => frame.id).sort());
    // The line is learnt: clearly positive x is FACE, clearly negative is not (TRAIN puts the boundary
    // between −1 and 0.5), and the decision grows with x.
    const x = new Map(data.frames.map((frame) => [frame.id, frame.x]));
    const clear = seen.filter((node) => Math.abs(x.get(node.frame.id) ?? 0) >= 1);
    expect(clear.length).toBe(18); // all but x = −0.5, 0, 0.5
    for (const node of clear) expect(node.label).toBe((x.get(node.frame.id) ?? 0) > 0 ? "FACE" : "NO_FACE");
    const byX = [...seen].sort((a, b) => (x.get(a.frame.id) ?? 0) - (x.get(b.frame.id) ?? 0));
    expect(byX.map((node) => node.decisionValue)).toEqual([...byX.map((node) => node.decisionValue)].sort((a, b) => a - b));

    const filtered = async (variables: Record<string, unknown>) =>
      expectData(await viewer.graphql<Page>(PREDICTIONS, { datasetId: data.dataset.id, first: 50, ...variables })).predictions.edges.map((edge) => edge.node);
    const uncertain = await filtered({ minScore: -1, maxScore: 1 });
    expect(uncertain.length).toBeGreaterThan(0);
    expect(uncertain.length).toBeLessThan(21);
    expect(uncertain.every((node) => Math.abs(node.decisionValue) <= 1)).toBe(true);
    expect((await filtered({ split: "TEST" })).map((node) => node.frame.id)).toEqual(data.frames.filter((frame) => frame.split === "TEST").map((frame) => frame.id).sort());
    expect((await filtered({ titleId: data.distinct.id })).every((node) => node.frame.title.id === data.distinct.id)).toBe(true);
    expectError(await viewer.graphql(PREDICTIONS, { datasetId: data.dataset.id, minScore: 2, maxScore: 1 }), "BAD_USER_INPUT");
  });

  it("hides held-out frames from labellers and everything from non-members", async () => {
    const labeller = await signedIn(api, { role: "LABELER" });
    const outsider = await signedIn(api, { role: "VIEWER" });
    const data = await seedScoredDataset([labeller]);
    const other = await seedScoredDataset([outsider]);
    await publish(data.run.id);

    const nodes = expectData(await labeller.graphql<Page>(PREDICTIONS, { datasetId: data.dataset.id, first: 50 })).predictions.edges.map((edge) => edge.node);
    const visible = data.frames.filter((frame) => frame.split === "TRAIN" && frame.titleId === data.title.id).map((frame) => frame.id).sort();
    expect(nodes.map((node) => node.frame.id)).toEqual(visible);
    expectError(await labeller.graphql(PREDICTIONS, { datasetId: data.dataset.id, split: "DISTINCT" }), "FORBIDDEN");

    expectError(await outsider.graphql(PREDICTIONS, { datasetId: data.dataset.id }), "NOT_FOUND");
    // A run of another dataset is not found under this one.
    expectError(await admin.graphql(PREDICTIONS, { datasetId: data.dataset.id, runId: other.run.id }), "NOT_FOUND");
  });

  it("resumes a prediction job with the frames still missing, leaving the others as they were", async () => {
    const data = await seedScoredDataset([]);
    await publish(data.run.id);
    const lost = data.frames.slice(0, 5).map((frame) => frame.id);
    await api.db.prediction.deleteMany({ where: { runId: data.run.id, frameId: { in: lost } } });
    const kept = await api.db.prediction.findMany({ where: { runId: data.run.id }, select: { frameId: true, updatedAt: true }, orderBy: { frameId: "asc" } });

    const job = await api.db.job.create({ data: { kind: "PREDICT", datasetId: data.dataset.id, params: { runId: data.run.id } } });
    await runPredict({ db: api.db, workerId: "test", staleAfterMs: 60_000 }, job.id);
    expect(await api.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED", done: 21, total: 21, result: { runId: data.run.id, predicted: 21 } });
    expect(await api.db.prediction.findMany({ where: { runId: data.run.id, frameId: { notIn: lost } }, select: { frameId: true, updatedAt: true }, orderBy: { frameId: "asc" } })).toEqual(kept);
    expect(await api.db.prediction.count({ where: { runId: data.run.id } })).toBe(21);
  });
});

describe("suggestFrames", () => {
  const SUGGEST = `mutation($datasetId: ID!, $batchSize: Int) { suggestFrames(datasetId: $datasetId, batchSize: $batchSize) {
    __typename ... on SuggestFramesSuccess { data { id run { id } } } ... on Error { message } } }`;
  const JOB = `query($id: ID!) { predictionJob(id: $id) { status activeLearning { runId candidates batch { id } } } }`;

  it("lets reviewers reorder the queue with the published run, scoring only unlabelled frames that are not held out", async () => {
    const reviewer = await signedIn(api, { role: "REVIEWER" });
    const labeller = await signedIn(api, { role: "LABELER" });
    const data = await seedScoredDataset([reviewer, labeller]);
    expect(expectData(await reviewer.graphql<{ suggestFrames: { __typename: string; message: string } }>(SUGGEST, { datasetId: data.dataset.id })).suggestFrames).toEqual({
      __typename: "ValidationError",
      message: "This dataset has no trained run yet: train one, or pass runId.",
    });
    await publish(data.run.id);
    expectError(await labeller.graphql(SUGGEST, { datasetId: data.dataset.id }), "FORBIDDEN");

    const started = expectData(await reviewer.graphql<{ suggestFrames: { data: { id: string; run: { id: string } } } }>(SUGGEST, { datasetId: data.dataset.id, batchSize: 2 })).suggestFrames.data;
    expect(started.run.id).toBe(data.run.id);
    expect((await waitForJob(api.db, started.id)).status).toBe("SUCCEEDED");
    const job = expectData(await reviewer.graphql<{ predictionJob: { activeLearning: { runId: string; candidates: number; batch: { id: string }[] } } }>(JOB, { id: started.id })).predictionJob;

    const candidates = data.frames.filter((frame) => !frame.label && frame.split !== "TEST" && frame.titleId === data.title.id);
    expect(job.activeLearning).toMatchObject({ runId: data.run.id, candidates: candidates.length });
    expect(job.activeLearning.batch).toHaveLength(2);
    // The frame nearest the boundary (x closest to 0) comes first.
    const nearest = [...candidates].sort((a, b) => Math.abs(a.x) - Math.abs(b.x))[0];
    expect(job.activeLearning.batch[0]?.id).toBe(nearest?.id);
    const priorities = new Map((await api.db.frame.findMany({ where: { datasetId: data.dataset.id }, select: { id: true, priority: true } })).map((frame) => [frame.id, frame.priority]));
    for (const frame of data.frames) {
      const scored = candidates.some((candidate) => candidate.id === frame.id);
      expect(priorities.get(frame.id), `${frame.split} x=${frame.x} label=${frame.label}`)[scored ? "toBeGreaterThan" : "toBe"](0);
    }
    expectError(await labeller.graphql(JOB, { id: started.id }), "FORBIDDEN");
  });
});
