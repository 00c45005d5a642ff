import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Split } from "@kao/db";
import { seedDataset } from "@kao/db/seed";
import { hashFile } from "@kao/ml";
import type { TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { classColour, colourImage, seedImageFrame, seedSplitVersion, startMlEnv, tinyBackboneModel, waitForJob, type Colour, type MlEnv } from "./support/ml-fixtures.ts";

// The whole server-side ML chain on real parts: a real ONNX model registered over GraphQL, frames in
// storage, the real worker extracting, training the grid, scoring the queue and predicting, and the
// API answering predictions and classifying new images, with API tokens throughout.
let env: MlEnv;
let api: TestApi;
let root: string;

beforeAll(async () => {
  env = await startMlEnv({ trainThreads: 2 });
  api = env.api;
  root = env.dataDir;
  await writeFile(path.join(root, "tiny.onnx"), tinyBackboneModel());
});
afterAll(() => env?.close());

const REGISTER = `mutation($input: RegisterBackboneInput!) { registerBackbone(input: $input) {
  __typename ... on RegisterBackboneSuccess { data { id name dims inputWidth inputHeight tapLayer pooling sha256 modelPath } } ... on Error { message } } }`;
const START_EXTRACTION = `mutation($input: StartExtractionInput!) { startExtraction(input: $input) {
  __typename ... on StartExtractionSuccess { data { id status } } ... on Error { message } } }`;
const EXTRACTION = `query($id: ID!, $datasetId: ID!) { extractionJob(id: $id) { status done total failed progress backbone { name featureCoverage(datasetId: $datasetId) { vectors frames ratio } } } }`;
const START_TRAINING = `mutation($input: StartTrainingInput!) { startTraining(input: $input) {
  __typename ... on StartTrainingSuccess { data { id status } } ... on ValidationError { message inputErrors { path message } } } }`;
const SPLIT = "count accuracy balancedAccuracy precision recall f1 confusion { truePositives falsePositives trueNegatives falseNegatives }";
const RUNS = `query($datasetId: ID!, $jobId: ID) { trainingRuns(datasetId: $datasetId, jobId: $jobId) {
  runs { id kernel variant C degree hasModel selected published metrics { train { ${SPLIT} } val { ${SPLIT} } test { ${SPLIT} } distinct { ${SPLIT} } } }
  table { backbone { name } kernel run { id } train { accuracy } val { accuracy } test { accuracy } distinct { accuracy } } } }`;
const TRAINING_JOB = `query($id: ID!) { trainingJob(id: $id) { status done total progress selectedRun { id variant }
  activeLearning { runId candidates error batch { id } labelSuspects { frame { id } label decisionValue } } } }`;
const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) {
  __typename ... on PublishRunSuccess { data { id published predictionJob { id } } } ... on Error { message } } }`;
const PREDICTIONS = `query($datasetId: ID!, $first: Int, $after: String, $split: Split, $minScore: Float) {
  predictions(datasetId: $datasetId, first: $first, after: $after, split: $split, minScore: $minScore) {
    edges { node { frame { id split } label decisionValue runId } } pageInfo { hasNextPage endCursor } } }`;

type RunView = {
  id: string;
  kernel: string;
  variant: string;
  C: number;
  hasModel: boolean;
  selected: boolean;
  published: boolean;
  metrics: Record<"train" | "val" | "test" | "distinct", { count: number; accuracy: number; balancedAccuracy: number } | null>;
};
type PredictionNode = { frame: { id: string; split: Split }; label: string; decisionValue: number; runId: string };

const PURPLE: Colour = { r: 120, g: 40, b: 90 };

/** A dataset of red-ish FACE and blue-ish NO_FACE frames in all four splits, one mislabelled, and unlabelled ones. */
async function seedDatasetWithFrames(members: Caller[]) {
  const dataset = await seedDataset(api.db, { members: members.map((member) => member.user) });
  const title = await api.db.title.create({ data: { datasetId: dataset.id, name: "Title A" } });
  const distinctTitle = await api.db.title.create({ data: { datasetId: dataset.id, name: "Title D", isDistinct: true } });
  const assignments: { frameId: string; split: Split }[] = [];
  let seed = 0;
  const labelled = async (label: "FACE" | "NO_FACE", split: Split, count: number) => {
    for (let i = 0; i < count; i++) {
      // TRAIN frames come in scenes of two, as imported video frames would.
      const sceneId = split === "TRAIN" && i % 2 === 0 ? (await api.db.scene.create({ data: { datasetId: dataset.id } })).id : null;
      const frame = await seedImageFrame(api.db, api.storage, {
        datasetId: dataset.id,
        titleId: split === "DISTINCT" ? distinctTitle.id : title.id,
        colour: classColour(label, ++seed),
        seed,
        label,
        split,
        sceneId,
      });
      assignments.push({ frameId: frame.id, split });
    }
  };
  for (const label of ["FACE", "NO_FACE"] as const) {
    await labelled(label, "TRAIN", 12);
    await labelled(label, "VAL", 6);
    await labelled(label, "TEST", 6);
    await labelled(label, "DISTINCT", 5);
  }
  // A vivid red frame labelled NO_FACE: the kind of mistake active learning should send to review.
  const mislabelled = await seedImageFrame(api.db, api.storage, { datasetId: dataset.id, titleId: title.id, colour: { r: 250, g: 40, b: 10 }, seed: 900, label: "NO_FACE", split: "TRAIN" });
  assignments.push({ frameId: mislabelled.id, split: "TRAIN" });

  const unlabelled = async (colour: Colour, options: { titleId?: string; split?: Split; sceneId?: string | null } = {}) =>
    seedImageFrame(api.db, api.storage, { datasetId: dataset.id, titleId: options.titleId ?? title.id, colour, seed: ++seed, split: options.split ?? "UNASSIGNED", sceneId: options.sceneId ?? null });
  const purpleScene = (await api.db.scene.create({ data: { datasetId: dataset.id } })).id;
  const purples = [await unlabelled(PURPLE, { sceneId: purpleScene }), await unlabelled(PURPLE, { sceneId: purpleScene }), await unlabelled({ r: 105, g: 40, b: 105 })];
  const clear = [];
  for (let i = 0; i < 3; i++) clear.push(await unlabelled(classColour("FACE", 500 + i)), await unlabelled(classColour("NO_FACE", 600 + i)));
  // Held out: an unlabelled TEST frame and one of a distinct title must never be scored for the queue.
  const heldOutTest = await unlabelled(PURPLE, { split: "TEST" });
  assignments.push({ frameId: heldOutTest.id, split: "TEST" });
  const heldOutDistinct = await unlabelled(PURPLE, { titleId: distinctTitle.id });
  const version = await seedSplitVersion(api.db, dataset.id, assignments);
  return { dataset, version, mislabelled, purples, clear, heldOut: [heldOutTest, heldOutDistinct], frameCount: await api.db.frame.count({ where: { datasetId: dataset.id } }) };
}

async function postImage(body: Buffer | FormData, datasetId: string, token: string | null, contentType?: string) {
  const response = await fetch(`${api.origin}/predict?datasetId=${datasetId}`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(contentType ? { "content-type": contentType } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { label?: string; decisionValue?: number; runId?: string; errors?: { message: string; extensions: { code: string } }[] } };
}

describe("the ML chain: register → extract → train → suggest → publish → predict", () => {
  it("trains the grid on easy data, orders the queue, flags a wrong label, and serves predictions", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const viewer = await signedIn(api, { role: "VIEWER" });
    const labeller = await signedIn(api, { role: "LABELER" });
    const outsider = await signedIn(api, { role: "VIEWER" });
    const data = await seedDatasetWithFrames([viewer, labeller]);
    const datasetId = data.dataset.id;

    // Register: the input size comes from the model, the tap from its structure, dims from one run.
    const registered = expectData(
      await admin.graphql<{ registerBackbone: { __typename: string; data: { id: string; dims: number; inputWidth: number; inputHeight: number; tapLayer: string; pooling: string; sha256: string; modelPath: string } } }>(REGISTER, {
        input: { name: `tiny-${datasetId}`, path: "tiny.onnx", tap: "before-last-pool", pooling: "AVG" },
      }),
    ).registerBackbone;
    expect(registered.__typename).toBe("RegisterBackboneSuccess");
    expect(registered.data).toMatchObject({ dims: 4, inputWidth: 16, inputHeight: 16, tapLayer: "features", pooling: "AVG", modelPath: "tiny.onnx", sha256: await hashFile(path.join(root, "tiny.onnx")) });
    const backboneId = registered.data.id;

    // Extract every frame's features.
    const extraction = expectData(await admin.graphql<{ startExtraction: { data: { id: string } } }>(START_EXTRACTION, { input: { datasetId, backboneId, batchSize: 8 } })).startExtraction.data;
    expect((await waitForJob(api.db, extraction.id)).status).toBe("SUCCEEDED");
    const progress = expectData(await viewer.graphql<{ extractionJob: unknown }>(EXTRACTION, { id: extraction.id, datasetId })).extractionJob;
    expect(progress).toEqual({
      status: "SUCCEEDED",
      done: data.frameCount,
      total: data.frameCount,
      failed: 0,
      progress: 1,
      backbone: { name: `tiny-${datasetId}`, featureCoverage: { vectors: data.frameCount, frames: data.frameCount, ratio: 1 } },
    });

    // Train the grid: 3 kernels × 3 C.
    const started = expectData(
      await admin.graphql<{ startTraining: { __typename: string; data: { id: string } } }>(START_TRAINING, {
        input: { datasetId, backboneId, splitVersionId: data.version.id, kernels: [{ kernel: "LINEAR" }, { kernel: "RBF" }, { kernel: "POLY", degree: 2 }], Cs: [1, 10, 100], suggestBatchSize: 3 },
      }),
    ).startTraining;
    expect(started.__typename).toBe("StartTrainingSuccess");
    const trained = await waitForJob(api.db, started.data.id, 120_000);
    expect(trained.error).toBeNull();
    expect(trained).toMatchObject({ status: "SUCCEEDED", done: 19, total: 19 });

    const results = expectData(await viewer.graphql<{ trainingRuns: { runs: RunView[]; table: { kernel: string; run: { id: string }; test: { accuracy: number }; distinct: { accuracy: number } }[] } }>(RUNS, { datasetId, jobId: started.data.id })).trainingRuns;
    expect(results.runs).toHaveLength(9);
    expect(results.runs.map((run) => `${run.variant}@${run.C}`)).toEqual(["linear@1", "linear@10", "linear@100", "poly-2@1", "poly-2@10", "poly-2@100", "rbf@1", "rbf@10", "rbf@100"]);
    for (const run of results.runs) {
      expect(run.metrics.train?.count).toBe(25);
      expect(run.metrics.val?.count).toBe(12);
      expect(run.metrics.test?.count).toBe(12);
      expect(run.metrics.distinct?.count).toBe(10);
    }
    // One model per kernel (its best C on VAL); one run selected.
    expect(results.runs.filter((run) => run.hasModel).map((run) => run.variant).sort()).toEqual(["linear", "poly-2", "rbf"]);
    const selected = results.runs.filter((run) => run.selected);
    expect(selected).toHaveLength(1);
    const best = selected[0] as RunView;
    expect(best.hasModel).toBe(true);
    expect(best.metrics.val?.balancedAccuracy).toBe(Math.max(...results.runs.map((run) => run.metrics.val?.balancedAccuracy ?? 0)));
    expect(best.metrics.test?.accuracy).toBeGreaterThan(0.95);
    expect(best.metrics.distinct?.accuracy).toBeGreaterThan(0.95);
    // The paper's tables: one row per kernel, holding that kernel's run with a model.
    expect(results.table.map((row) => row.kernel)).toEqual(["linear", "poly-2", "rbf"]);
    for (const row of results.table) expect(results.runs.find((run) => run.id === row.run.id)?.hasModel).toBe(true);

    // Active learning with the selected run.
    const job = expectData(await admin.graphql<{ trainingJob: { selectedRun: { id: string }; progress: number; activeLearning: { runId: string; candidates: number; error: string | null; batch: { id: string }[]; labelSuspects: { frame: { id: string }; label: string; decisionValue: number }[] } } }>(TRAINING_JOB, { id: started.data.id })).trainingJob;
    expect(job.selectedRun.id).toBe(best.id);
    expect(job.progress).toBe(1);
    const learned = job.activeLearning;
    expect(learned.error).toBeNull();
    expect(learned.runId).toBe(best.id);
    expect(learned.candidates).toBe(9); // 3 purple + 6 clear; the two held-out frames are not candidates
    expect(learned.labelSuspects).toEqual([{ frame: { id: data.mislabelled.id }, label: "NO_FACE", decisionValue: expect.any(Number) }]);
    expect(learned.labelSuspects[0]?.decisionValue).toBeGreaterThan(1);
    const flagged = await api.db.frame.findUniqueOrThrow({ where: { id: data.mislabelled.id }, include: { consensus: true } });
    expect(flagged.labelStatus).toBe("REVIEW");
    expect(flagged.consensus?.label).toBe("NO_FACE"); // kept until a reviewer decides
    expect(await api.db.auditLog.count({ where: { action: "label.suspect", targetId: data.mislabelled.id } })).toBe(1);

    const batch = learned.batch.map((frame) => frame.id);
    expect(batch).toHaveLength(3);
    const [p1, p2] = data.purples.map((frame) => frame.id);
    expect(batch.filter((id) => id === p1 || id === p2).length).toBeLessThanOrEqual(1); // one scene, one pick
    const decisions = await api.db.prediction.findMany({ where: { runId: best.id, frameId: { in: [...data.purples, ...data.clear].map((frame) => frame.id) } } });
    expect(decisions).toHaveLength(9);
    const mostUncertain = [...decisions].sort((a, b) => Math.abs(a.decisionValue) - Math.abs(b.decisionValue))[0];
    expect(batch[0]).toBe(mostUncertain?.frameId);
    const priorities = new Map((await api.db.frame.findMany({ where: { datasetId }, select: { id: true, priority: true } })).map((frame) => [frame.id, frame.priority]));
    expect(batch.map((id) => priorities.get(id))).toEqual([4, 3, 2]);
    for (const frame of [...data.purples, ...data.clear]) expect(priorities.get(frame.id)).toBeGreaterThan(0);
    for (const frame of data.heldOut) expect(priorities.get(frame.id)).toBe(0);

    // "Why this frame": reviewers and admins only; labellers see no scores.
    const WHY = `query($id: ID!) { frame(id: $id) { suggestion { priority inBatch decisionValue runId } } }`;
    const why = expectData(await admin.graphql<{ frame: { suggestion: { priority: number; inBatch: boolean; decisionValue: number; runId: string } } }>(WHY, { id: batch[0] })).frame.suggestion;
    expect(why).toEqual({ priority: 4, inBatch: true, decisionValue: mostUncertain?.decisionValue, runId: best.id });
    expectError(await labeller.graphql(WHY, { id: batch[0] }), "FORBIDDEN");
    expectError(await labeller.graphql(TRAINING_JOB, { id: started.data.id }), "FORBIDDEN");

    // Publish the selected run: every frame gets a prediction.
    const published = expectData(await admin.graphql<{ publishRun: { __typename: string; data: { id: string; published: boolean; predictionJob: { id: string } } } }>(PUBLISH, { runId: best.id })).publishRun;
    expect(published.data).toMatchObject({ id: best.id, published: true });
    expect((await waitForJob(api.db, published.data.predictionJob.id)).status).toBe("SUCCEEDED");
    expect(await api.db.prediction.count({ where: { runId: best.id } })).toBe(data.frameCount);

    // Publishing another run unpublishes the first; then back.
    const other = results.runs.find((run) => run.hasModel && !run.selected) as RunView;
    const second = expectData(await admin.graphql<{ publishRun: { data: { predictionJob: { id: string } } } }>(PUBLISH, { runId: other.id })).publishRun.data;
    expect((await api.db.trainingRun.findMany({ where: { datasetId, publishedAt: { not: null } }, select: { id: true } })).map((run) => run.id)).toEqual([other.id]);
    await waitForJob(api.db, second.predictionJob.id);
    const again = expectData(await admin.graphql<{ publishRun: { data: { predictionJob: { id: string } } } }>(PUBLISH, { runId: best.id })).publishRun.data;
    await waitForJob(api.db, again.predictionJob.id);

    // Predictions with a viewer's API token, page by page.
    const nodes: PredictionNode[] = [];
    for (let after: string | null = null; ; ) {
      const page: { predictions: { edges: { node: PredictionNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = expectData(
        await api.graphql(PREDICTIONS, { token: viewer.token, variables: { datasetId, first: 20, after } }),
      );
      nodes.push(...page.predictions.edges.map((edge) => edge.node));
      if (!page.predictions.pageInfo.hasNextPage) break;
      after = page.predictions.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(data.frameCount);
    expect(new Set(nodes.map((node) => node.frame.id)).size).toBe(data.frameCount);
    expect(nodes.every((node) => node.runId === best.id && node.label === (node.decisionValue > 0 ? "FACE" : "NO_FACE"))).toBe(true);
    const consensus = new Map((await api.db.consensus.findMany({ where: { frame: { datasetId, split: { in: ["TEST", "DISTINCT"] } } } })).map((row) => [row.frameId, row.label]));
    const heldOut = nodes.filter((node) => consensus.has(node.frame.id));
    expect(heldOut).toHaveLength(22);
    expect(heldOut.filter((node) => node.label === consensus.get(node.frame.id)).length / heldOut.length).toBeGreaterThan(0.95);
    const faces = expectData(await viewer.graphql<{ predictions: { edges: { node: PredictionNode }[] } }>(PREDICTIONS, { datasetId, first: 200, minScore: 0 })).predictions.edges;
    expect(faces.length).toBe(nodes.filter((node) => node.decisionValue >= 0).length);
    expect(faces.every((edge) => edge.node.label === "FACE")).toBe(true);

    // Labellers see no predictions of held-out frames; outsiders see nothing.
    const labellerNodes = expectData(await labeller.graphql<{ predictions: { edges: { node: PredictionNode }[] } }>(PREDICTIONS, { datasetId, first: 200 })).predictions.edges;
    expect(labellerNodes.length).toBe(data.frameCount - 22 - 1 - 1); // minus labelled TEST/DISTINCT and the two held-out unlabelled
    expect(labellerNodes.some((edge) => edge.node.frame.split === "TEST" || edge.node.frame.split === "DISTINCT")).toBe(false);
    expectError(await labeller.graphql(PREDICTIONS, { datasetId, split: "TEST" }), "FORBIDDEN");
    expectError(await outsider.graphql(PREDICTIONS, { datasetId }), "NOT_FOUND");

    // A new image, never seen: raw body and multipart, with an API token.
    const red = await postImage(await colourImage({ r: 220, g: 50, b: 40 }, 4242), datasetId, viewer.token, "image/jpeg");
    expect(red).toMatchObject({ status: 200, body: { label: "FACE", runId: best.id } });
    expect(red.body.decisionValue).toBeGreaterThan(0);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await colourImage({ r: 40, g: 40, b: 160 }, 4343))], { type: "image/jpeg" }), "blue.jpg");
    expect(await postImage(form, datasetId, viewer.token)).toMatchObject({ status: 200, body: { label: "NO_FACE", runId: best.id } });
    expect((await postImage(Buffer.from("not an image"), datasetId, viewer.token, "image/jpeg")).status).toBe(400);
    expect((await postImage(await colourImage(PURPLE, 1), datasetId, null, "image/jpeg")).status).toBe(401);
    expect(await postImage(await colourImage(PURPLE, 1), datasetId, outsider.token, "image/jpeg")).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: "NOT_FOUND" } }] } });

    // The same over GraphQL, the image base64-encoded in the request.
    const PREDICT_IMAGE = `query($datasetId: ID!, $image: String!) { predictImage(datasetId: $datasetId, imageBase64: $image) { label decisionValue runId } }`;
    const asBase64 = async (colour: { r: number; g: number; b: number }, seed: number) => (await colourImage(colour, seed)).toString("base64");
    const byGraphql = expectData(await viewer.graphql<{ predictImage: { label: string; decisionValue: number; runId: string } }>(PREDICT_IMAGE, { datasetId, image: await asBase64({ r: 220, g: 50, b: 40 }, 4242) })).predictImage;
    expect(byGraphql).toEqual({ label: "FACE", runId: best.id, decisionValue: red.body.decisionValue });
    expect(expectData(await viewer.graphql<{ predictImage: { label: string } }>(PREDICT_IMAGE, { datasetId, image: await asBase64({ r: 40, g: 40, b: 160 }, 4343) })).predictImage.label).toBe("NO_FACE");
    expectError(await viewer.graphql(PREDICT_IMAGE, { datasetId, image: "not base64!" }), "BAD_USER_INPUT");
    expectError(await viewer.graphql(PREDICT_IMAGE, { datasetId, image: Buffer.from("not an image").toString("base64") }), "BAD_USER_INPUT");
    expectError(await outsider.graphql(PREDICT_IMAGE, { datasetId, image: await asBase64(PURPLE, 1) }), "NOT_FOUND");
  }, 240_000);
});
