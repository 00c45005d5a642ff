import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, systemViewer } from "@kao/api";
import { TEST_SESSION_SECRET, type TestApi } from "../support/api.ts";
import { createImport, eventually, makeVideo, upload, waitForImport } from "../support/import.ts";
import { expectData } from "./support/graphql.ts";
import { startMlEnv, tinyBackboneModel, type MlEnv } from "./support/ml-fixtures.ts";

// The whole product, end to end, through its public surfaces only: users, dataset, uploads, imports,
// labelling, splits, backbones, training, publishing and predictions over GraphQL and HTTP, with the
// real worker on a database of its own. The only shortcuts are the ones a deployment has too: the
// first admin (what `npm start` creates), the web app's session cookie (a next-auth JWT, issued after
// `signIn` checks the password) and the ONNX file an admin copies onto the server.
//
// The two classes are generated video that anyone tells apart at a glance: ffmpeg's test cards
// ("Clock Faces", labelled FACE) and its Mandelbrot zoom ("Fractal Seas", labelled NO_FACE). The test
// backbone (ml-fixtures) pools colour channels, and the cards' blue-minus-red share is 4× the fractal's.
let env: MlEnv;
let api: TestApi;

beforeAll(async () => {
  env = await startMlEnv({ trainThreads: 2 });
  api = env.api;
});
afterAll(() => env?.close());

type Label = "FACE" | "NO_FACE";
const FACE_TITLE = "Clock Faces";
const NO_FACE_TITLE = "Fractal Seas";
/** What the labellers were told: every frame of the card show has a face, the fractal show none. */
const LABEL_OF_TITLE: Record<string, Label> = { [FACE_TITLE]: "FACE", [NO_FACE_TITLE]: "NO_FACE" };

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) {
  __typename ... on CreateUserSuccess { data { user { id email role } } } ... on Error { message } } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { id role } }`;
const CREATE_TOKEN = `mutation($name: String!) { createApiToken(name: $name) {
  __typename ... on CreateApiTokenSuccess { data { token } } ... on Error { message } } }`;
const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename ... on CreateDatasetSuccess { data { id overlap } } ... on Error { message } } }`;
const ADD_MEMBER = `mutation($datasetId: ID!, $email: String!) { addDatasetMember(datasetId: $datasetId, email: $email) {
  __typename ... on Error { message } } }`;
const NEXT_FRAMES = `query($datasetId: ID!) { nextFrames(datasetId: $datasetId, count: 10) { frame { id title { name } video { fileName } } } }`;
const SUBMIT = `mutation($datasetId: ID!, $decisions: [LabelDecisionInput!]!) { submitLabels(datasetId: $datasetId, decisions: $decisions) {
  accepted { frameId } rejected { frameId code message } } }`;
const CREATE_SPLIT = `mutation($datasetId: ID!, $input: CreateSplitInput!) { createSplit(datasetId: $datasetId, input: $input) {
  __typename ... on CreateSplitSuccess { data { id frameCount splits { split frames face noFace } } } ... on Error { message } } }`;
const REGISTER = `mutation($input: RegisterBackboneInput!) { registerBackbone(input: $input) {
  __typename ... on RegisterBackboneSuccess { data { id dims } } ... on Error { message } } }`;
const START_EXTRACTION = `mutation($input: StartExtractionInput!) { startExtraction(input: $input) {
  __typename ... on StartExtractionSuccess { data { id } } ... on Error { message } } }`;
const EXTRACTION_JOB = `query($id: ID!) { extractionJob(id: $id) { status done total failed error } }`;
const START_TRAINING = `mutation($input: StartTrainingInput!) { startTraining(input: $input) {
  __typename ... on StartTrainingSuccess { data { id } } ... on Error { message } } }`;
const TRAINING_JOB = `query($id: ID!) { trainingJob(id: $id) { status error selectedRun { id variant hasModel
  metrics { val { count accuracy } test { count accuracy } } } runs { id } } }`;
const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) {
  __typename ... on PublishRunSuccess { data { id published predictionJob { id } } } ... on Error { message } } }`;
const PREDICTION_JOB = `query($id: ID!) { predictionJob(id: $id) { status done total failed error } }`;
const PREDICTIONS = `query($datasetId: ID!, $after: String) { predictions(datasetId: $datasetId, first: 25, after: $after) {
  edges { node { label decisionValue runId frame { id split title { name } } } } pageInfo { hasNextPage endCursor } } }`;

type Typed<T> = { __typename: string; data?: T; message?: string };
type JobView = { status: string; done: number; total: number; failed: number; error: string | null };

/** The success branch of a result union, or a failure that says which mutation and why. */
function success<T>(what: string, result: Typed<T>): T {
  if (!result.data) throw new Error(`${what} failed: ${result.__typename} ${result.message ?? ""}`);
  return result.data;
}

/** A person with a GraphQL client that sends `credential` (a session JWT or an API token). */
function client(credential: string) {
  return <T>(query: string, variables: Record<string, unknown> = {}) => api.graphql<T>(query, { variables, token: credential }).then(expectData);
}
type Client = ReturnType<typeof client>;

/**
 * What a person does on the web app: sign in (the API checks the password), get the session the web
 * app issues, and create a personal API token on the tokens page.
 */
async function signInAndCreateToken(email: string, password: string) {
  const { signIn } = expectData(await api.graphql<{ signIn: { id: string } }>(SIGN_IN, { variables: { email, password } }));
  const session = await encode({ token: { sub: signIn.id }, secret: TEST_SESSION_SECRET });
  const created = await client(session)<{ createApiToken: Typed<{ token: string }> }>(CREATE_TOKEN, { name: "full-chain" });
  return success("createApiToken", created.createApiToken).token;
}

/** The admin creates a user and adds them to the dataset; they sign in and make a token. Returns it. */
async function inviteMember(admin: Client, datasetId: string, role: "LABELER" | "VIEWER", name: string) {
  const email = `${name}-${datasetId.slice(0, 8)}@kao.test`;
  const password = `pw-${name}-0123456789`;
  success("createUser", (await admin<{ createUser: Typed<unknown> }>(CREATE_USER, { input: { email, name, password, role } })).createUser);
  const added = (await admin<{ addDatasetMember: { __typename: string; message?: string } }>(ADD_MEMBER, { datasetId, email })).addDatasetMember;
  expect(added.__typename, added.message).toBe("AddDatasetMemberSuccess");
  return signInAndCreateToken(email, password);
}

/** Polls a worker job over GraphQL until it has finished. */
async function finished(who: Client, query: string, field: "extractionJob" | "trainingJob" | "predictionJob", id: string) {
  return eventually(
    `${field} ${id} to finish`,
    async () => {
      const job = (await who<Record<string, JobView>>(query, { id }))[field];
      return job && !["QUEUED", "RUNNING"].includes(job.status) ? job : null;
    },
    90_000,
    200,
  );
}

type Task = { frame: { id: string; title: { name: string }; video: { fileName: string } | null } };

/** A labeller working through their queue: each frame gets the label its show calls for. */
async function labelEverything(labeller: Client, datasetId: string) {
  let accepted = 0;
  for (;;) {
    const { nextFrames } = await labeller<{ nextFrames: Task[] }>(NEXT_FRAMES, { datasetId });
    if (nextFrames.length === 0) return accepted;
    const decisions = nextFrames.map(({ frame }) => {
      const label = LABEL_OF_TITLE[frame.title.name];
      if (!label || !frame.video) throw new Error(`frame ${frame.id} is from an unexpected source: ${JSON.stringify(frame)}`);
      return { frameId: frame.id, label, durationMs: 900 };
    });
    const { submitLabels } = await labeller<{ submitLabels: { accepted: unknown[]; rejected: unknown[] } }>(SUBMIT, { datasetId, decisions });
    expect(submitLabels.rejected).toEqual([]);
    accepted += submitLabels.accepted.length;
  }
}

/** A fresh JPEG from an ffmpeg source: a frame none of the imported videos holds. */
async function stillImage(name: string, source: string) {
  const file = path.join(env.dataDir, name);
  await makeVideo(file, ["-f", "lavfi", "-i", source], ["-frames:v", "1", "-q:v", "3"]);
  return readFile(file);
}

async function predictImage(token: string, datasetId: string, image: Buffer) {
  const response = await fetch(`${api.origin}/predict?datasetId=${datasetId}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "image/jpeg" },
    body: image,
  });
  return { status: response.status, body: (await response.json()) as { label?: string; runId?: string } };
}

describe("the whole product, through its public surfaces", () => {
  it("imports two shows, labels them, splits, extracts, trains, publishes and serves > 95% correct predictions to a token", async () => {
    // The first admin, as `npm start` creates it; from then on everything is GraphQL and HTTP.
    const adminPassword = "first-admin-password-0123";
    const first = await createUser({ db: api.db, viewer: systemViewer, ip: "start" }, { email: `admin-${Date.now()}@kao.test`, role: "ADMIN", name: "Admin", password: adminPassword });
    const adminToken = await signInAndCreateToken(first.user.email, adminPassword);
    const admin = client(adminToken);

    const dataset = success("createDataset", (await admin<{ createDataset: Typed<{ id: string; overlap: number }> }>(CREATE_DATASET, { input: { name: "Full chain", overlap: 2 } })).createDataset);
    expect(dataset.overlap).toBe(2);
    const datasetId = dataset.id;
    const labellers = [client(await inviteMember(admin, datasetId, "LABELER", "ana")), client(await inviteMember(admin, datasetId, "LABELER", "ben"))];

    // Two shows, four episodes each, 4 s at 1 frame per second. Every card episode differs in size or
    // pattern (no exact duplicates) and is one scene; the fractal zooms, so its samples are scenes of their own.
    const episodes: Record<string, string[]> = {
      [FACE_TITLE]: ["testsrc=s=320x240", "testsrc2=s=320x240", "testsrc=s=288x216", "testsrc2=s=256x192"].map((source) => `${source}:r=25:d=4`),
      [NO_FACE_TITLE]: ["320x240", "288x216", "256x192", "224x168"].map((size) => `mandelbrot=s=${size}:r=25,trim=duration=4`),
    };
    for (const [title, sources] of Object.entries(episodes)) {
      const files = [];
      for (const [i, source] of sources.entries()) {
        const name = `${title.replace(/\W/g, "-").toLowerCase()}-${i + 1}.mp4`;
        const file = await makeVideo(path.join(env.dataDir, name), ["-f", "lavfi", "-i", source, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"], []);
        files.push({ name, data: await readFile(file) });
      }
      const uploaded = await upload(api, adminToken, datasetId, files);
      expect(uploaded.errors).toEqual([]);
      const created = await createImport(api, adminToken, { datasetId, title, uploadIds: uploaded.uploads.map((u) => u.id) });
      const job = created.data?.createImport.data;
      if (!job) throw new Error(`createImport failed: ${JSON.stringify(created)}`);
      const imported = await waitForImport(api, adminToken, job.id, 90_000);
      expect(imported).toMatchObject({ status: "SUCCEEDED", failed: 0, framesAdded: 16, duplicates: 0 });
    }
    const frameCount = 32;

    // Two labellers at once, each through their own queue; overlap 2 means both see every frame. An
    // empty answer only means "nothing free right now" (frames another labeller's request holds are
    // skipped), so each comes back once more after both stopped, as a person reopening the page would.
    const together = await Promise.all(labellers.map((labeller) => labelEverything(labeller, datasetId)));
    const again: number[] = [];
    for (const labeller of labellers) again.push(await labelEverything(labeller, datasetId));
    expect(together.map((count, i) => count + (again[i] ?? 0))).toEqual([frameCount, frameCount]);

    // The paper's ratios, by scene, stratified per show.
    const split = success(
      "createSplit",
      (await admin<{ createSplit: Typed<{ id: string; frameCount: number; splits: { split: string; frames: number; face: number; noFace: number }[] }> }>(CREATE_SPLIT, { datasetId, input: { name: "v1", seed: 7 } })).createSplit,
    );
    expect(split.frameCount).toBe(frameCount);
    for (const name of ["TRAIN", "VAL", "TEST"]) {
      const counts = split.splits.find((row) => row.split === name);
      expect(counts?.face, `${name} holds FACE frames`).toBeGreaterThan(0);
      expect(counts?.noFace, `${name} holds NO_FACE frames`).toBeGreaterThan(0);
    }

    // The admin copied a small ONNX backbone onto the server and registers it.
    await writeFile(path.join(env.dataDir, "colours.onnx"), tinyBackboneModel());
    const backbone = success(
      "registerBackbone",
      (await admin<{ registerBackbone: Typed<{ id: string; dims: number }> }>(REGISTER, { input: { name: "colours", path: "colours.onnx", tap: "before-last-pool", pooling: "AVG" } })).registerBackbone,
    );
    expect(backbone.dims).toBe(4);

    const extraction = success("startExtraction", (await admin<{ startExtraction: Typed<{ id: string }> }>(START_EXTRACTION, { input: { datasetId, backboneId: backbone.id } })).startExtraction);
    expect(await finished(admin, EXTRACTION_JOB, "extractionJob", extraction.id)).toEqual({ status: "SUCCEEDED", done: frameCount, total: frameCount, failed: 0, error: null });

    const training = success(
      "startTraining",
      (await admin<{ startTraining: Typed<{ id: string }> }>(START_TRAINING, {
        input: { datasetId, backboneId: backbone.id, splitVersionId: split.id, kernels: [{ kernel: "LINEAR" }, { kernel: "RBF" }], Cs: [1, 100] },
      })).startTraining,
    );
    expect(await finished(admin, TRAINING_JOB, "trainingJob", training.id)).toMatchObject({ status: "SUCCEEDED", error: null });
    const trained = (await admin<{ trainingJob: { runs: unknown[]; selectedRun: { id: string; hasModel: boolean; metrics: { test: { count: number; accuracy: number } } } | null } }>(TRAINING_JOB, { id: training.id })).trainingJob;
    expect(trained.runs).toHaveLength(4);
    const best = trained.selectedRun;
    if (!best) throw new Error("the grid selected no run");
    expect(best.hasModel).toBe(true);
    expect(best.metrics.test.accuracy).toBeGreaterThan(0.95);

    const published = success("publishRun", (await admin<{ publishRun: Typed<{ published: boolean; predictionJob: { id: string } | null }> }>(PUBLISH, { runId: best.id })).publishRun);
    expect(published.published).toBe(true);
    if (!published.predictionJob) throw new Error("publishing started no prediction job");
    expect(await finished(admin, PREDICTION_JOB, "predictionJob", published.predictionJob.id)).toEqual({ status: "SUCCEEDED", done: frameCount, total: frameCount, failed: 0, error: null });

    // A script with a viewer's API token reads every prediction, page by page.
    const analystToken = await inviteMember(admin, datasetId, "VIEWER", "analyst");
    const analyst = client(analystToken);
    type Node = { label: string; decisionValue: number; runId: string; frame: { id: string; split: string; title: { name: string } } };
    const nodes: Node[] = [];
    for (let after: string | null = null; ; ) {
      const page: { predictions: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await analyst(PREDICTIONS, { datasetId, after });
      nodes.push(...page.predictions.edges.map((edge) => edge.node));
      if (!page.predictions.pageInfo.hasNextPage) break;
      after = page.predictions.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(frameCount);
    expect(new Set(nodes.map((node) => node.frame.id)).size).toBe(frameCount);
    expect(nodes.every((node) => node.runId === best.id)).toBe(true);
    const correct = nodes.filter((node) => node.label === LABEL_OF_TITLE[node.frame.title.name]);
    expect(correct.length / frameCount).toBeGreaterThan(0.95);
    const heldOut = nodes.filter((node) => node.frame.split === "TEST");
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.filter((node) => node.label === LABEL_OF_TITLE[node.frame.title.name]).length / heldOut.length).toBeGreaterThan(0.95);

    // Images none of the videos hold: a test card at another size and moment, the fractal further in.
    const card = await stillImage("card.jpg", "testsrc=s=200x150:r=25:d=10,trim=start=7");
    const fractal = await stillImage("fractal.jpg", "mandelbrot=s=200x150:r=25,trim=start=5.5");
    expect(await predictImage(analystToken, datasetId, card)).toEqual({ status: 200, body: expect.objectContaining({ label: "FACE", runId: best.id }) });
    expect(await predictImage(analystToken, datasetId, fractal)).toEqual({ status: 200, body: expect.objectContaining({ label: "NO_FACE", runId: best.id }) });
  }, 150_000);
});
