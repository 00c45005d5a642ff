import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { MODEL_CATALOG } from "@kao/ml";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, expectNoLeaks, signedIn } from "./support/graphql.ts";
import { tinyBackboneModel, vectorBytes } from "./support/ml-fixtures.ts";

// Backbone registration and extraction requests over GraphQL, on real ONNX files (no worker needed:
// registration runs onnxruntime in the API itself).
let root: string;
let api: TestApi;
/** No worker here: queued jobs are recorded instead of sent where other test files' workers would run them. */
const enqueued: { queue: string; jobId: string }[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kao-backbones-"));
  await writeFile(path.join(root, "tiny.onnx"), tinyBackboneModel());
  await writeFile(path.join(root, "notes.txt"), "these are not the weights you are looking for\n".repeat(20));
  await mkdir(path.join(root, "models"));
  api = await startTestApi({ dataDir: root, enqueue: async (queue, jobId) => void enqueued.push({ queue, jobId }) });
});
afterAll(async () => {
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

const REGISTER = `mutation($input: RegisterBackboneInput!) { registerBackbone(input: $input) {
  __typename
  ... on RegisterBackboneSuccess { data { id name dims inputWidth inputHeight tapLayer pooling channelOrder scale mean std sha256 } }
  ... on ValidationError { message inputErrors { path message } }
  ... on ConflictError { message } } }`;

type Registered =
  | { __typename: "RegisterBackboneSuccess"; data: { id: string; name: string; dims: number; inputWidth: number; inputHeight: number; tapLayer: string; pooling: string; channelOrder: string; scale: number; mean: number[]; std: number[]; sha256: string } }
  | { __typename: "ValidationError"; message: string; inputErrors: { path: string; message: string }[] }
  | { __typename: "ConflictError"; message: string };

const unique = () => `bb-${Math.random().toString(36).slice(2, 10)}`;

describe("registerBackbone", () => {
  it("registers an ONNX file with the tap and preprocessing given, learning the vector length from one run", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const name = unique();
    const result = expectData(
      await admin.graphql<{ registerBackbone: Registered }>(REGISTER, {
        input: { name, path: path.join(root, "tiny.onnx"), tap: "conv", pooling: "MAX", width: 16, height: 16, channelOrder: "BGR", scale: 0.5, mean: [1, 2, 3], std: [2, 2, 2] },
      }),
    ).registerBackbone;
    // The tap may be any tensor: here the convolution before the ReLU, 4 channels.
    expect(result).toMatchObject({ __typename: "RegisterBackboneSuccess", data: { name, dims: 4, inputWidth: 16, inputHeight: 16, tapLayer: "conv", pooling: "MAX", channelOrder: "BGR", scale: 0.5, mean: [1, 2, 3], std: [2, 2, 2] } });
    const audit = await api.db.auditLog.findFirst({ where: { action: "backbone.register", actorId: admin.user.id } });
    expect(audit?.data).toMatchObject({ name, tap: "conv", dims: 4 });
  });

  it("explains a missing file, a file that is not ONNX and an unknown tap, and registers nothing", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const name = unique();
    const register = async (input: Record<string, unknown>) => {
      const response = await admin.graphql<{ registerBackbone: Registered }>(REGISTER, { input: { name, tap: "features", ...input } });
      expectNoLeaks(response);
      return expectData(response).registerBackbone;
    };

    expect(await register({ path: "missing.onnx" })).toEqual({
      __typename: "ValidationError",
      message: `There is no file at ${path.join(root, "missing.onnx")} on the server.`,
      inputErrors: [{ path: "path", message: expect.any(String) }],
    });
    expect(await register({ path: "notes.txt" })).toMatchObject({ __typename: "ValidationError", message: expect.stringMatching(/notes\.txt is not an ONNX model that onnxruntime can open/), inputErrors: [{ path: "path" }] });
    expect(await register({ path: root })).toMatchObject({ __typename: "ValidationError", message: `${root} is not a file.` });
    expect(await register({ path: "tiny.onnx", width: 24, height: 24 })).toMatchObject({ __typename: "ValidationError", message: "The model takes 16×16 images, not 24×24; leave width and height out." });
    const unknownTap = await register({ path: "tiny.onnx", tap: "feature_map" });
    expect(unknownTap).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "tap" }] });
    // It lists tensors the model does have.
    expect(unknownTap.__typename === "ValidationError" && unknownTap.message).toMatch(/Unknown tap: tensor "feature_map" is not in the ONNX graph; some of its tensors: "features"/);
    expect(await api.db.backbone.count({ where: { name } })).toBe(0);
  });

  it("refuses a second backbone of the same name", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const name = unique();
    const input = { name, path: "tiny.onnx", tap: "features" };
    expect(expectData(await admin.graphql<{ registerBackbone: Registered }>(REGISTER, { input })).registerBackbone.__typename).toBe("RegisterBackboneSuccess");
    expect(expectData(await admin.graphql<{ registerBackbone: Registered }>(REGISTER, { input })).registerBackbone).toEqual({ __typename: "ConflictError", message: `A backbone named "${name}" already exists.` });
  });

  it("is for admins only; everyone signed in may list backbones, but only admins see their file paths", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    for (const role of ["LABELER", "REVIEWER", "VIEWER"] as const) {
      const user = await signedIn(api, { role });
      expectError(await user.graphql(REGISTER, { input: { name: unique(), path: "tiny.onnx", tap: "features" } }), "FORBIDDEN");
    }
    expectError(await api.graphql(REGISTER, { variables: { input: { name: unique(), path: "tiny.onnx", tap: "features" } } }), "UNAUTHENTICATED");

    const name = unique();
    expectData(await admin.graphql(REGISTER, { input: { name, path: "tiny.onnx", tap: "features" } }));
    const LIST = "{ backbones { name modelPath dims } }";
    const labeller = await signedIn(api, { role: "LABELER" });
    expect(expectData(await labeller.graphql<{ backbones: { name: string; modelPath: string | null }[] }>(LIST)).backbones).toContainEqual({ name, modelPath: null, dims: 4 });
    expect(expectData(await admin.graphql<{ backbones: { name: string; modelPath: string | null }[] }>(LIST)).backbones).toContainEqual({ name, modelPath: "tiny.onnx", dims: 4 });
    expectError(await api.graphql(LIST), "UNAUTHENTICATED");
  });
});

describe("catalog models", () => {
  const CATALOG = "{ catalogModels { key url sizeBytes sha256 cached cachePath instructions } }";
  const REGISTER_CATALOG = `mutation($key: String!) { registerCatalogModel(key: $key) { __typename ... on Error { message } } }`;

  it("lists the zoo's models with where to copy them on an offline server, and refuses one that is not there", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const models = expectData(await admin.graphql<{ catalogModels: { key: string; cached: boolean; cachePath: string; instructions: string; sha256: string }[] }>(CATALOG)).catalogModels;
    expect(models.map((model) => model.key)).toEqual(MODEL_CATALOG.map((model) => model.key));
    const googlenet = models.find((model) => model.key === "googlenet-7");
    expect(googlenet).toMatchObject({ cached: false, cachePath: path.join(root, "models", "googlenet-7.onnx") });
    expect(googlenet?.instructions).toContain(`Offline: download https://github.com/onnx/models/raw/main/validated/vision/classification/inception_and_googlenet/googlenet/model/googlenet-7.onnx elsewhere and copy the file to ${path.join(root, "models", "googlenet-7.onnx")}`);

    // A file of the wrong content in the cache is refused by its checksum.
    await writeFile(path.join(root, "models", "googlenet-7.onnx"), tinyBackboneModel());
    const refused = expectData(await admin.graphql<{ registerCatalogModel: { __typename: string; message: string } }>(REGISTER_CATALOG, { key: "googlenet-7" })).registerCatalogModel;
    expect(refused.__typename).toBe("ValidationError");
    expect(refused.message).toMatch(/is not in the cache \(the file there has sha256 [0-9a-f]{64}\)\. Offline: download .* and copy it to .*googlenet-7\.onnx/);
    expect(expectData(await admin.graphql<{ registerCatalogModel: { __typename: string; message: string } }>(REGISTER_CATALOG, { key: "vgg-nope" })).registerCatalogModel).toEqual({ __typename: "ValidationError", message: 'No catalog model "vgg-nope".' });

    const viewer = await signedIn(api, { role: "VIEWER" });
    expectError(await viewer.graphql(CATALOG), "FORBIDDEN");
  });
});

describe("startExtraction", () => {
  const START = `mutation($input: StartExtractionInput!) { startExtraction(input: $input) { __typename ... on StartExtractionSuccess { data { id status backbone { id } } } } }`;

  it("queues one job per dataset and backbone, for admins, and reports coverage to members", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const member = await signedIn(api, { role: "LABELER" });
    const outsider = await signedIn(api, { role: "LABELER" });
    const dataset = await seedDataset(api.db, { members: [member.user] });
    const backbone = await api.db.backbone.create({ data: { name: unique(), modelPath: "x.onnx", sha256: "0".repeat(64), inputWidth: 8, inputHeight: 8, tapLayer: "t", dims: 2 } });
    const input = { datasetId: dataset.id, backboneId: backbone.id };

    expectError(await member.graphql(START, { input }), "FORBIDDEN");
    const first = expectData(await admin.graphql<{ startExtraction: { data: { id: string; status: string; backbone: { id: string } } } }>(START, { input })).startExtraction.data;
    expect(first).toMatchObject({ status: "QUEUED", backbone: { id: backbone.id } });
    expect(enqueued).toContainEqual({ queue: "kao.extract", jobId: first.id });
    // Asking again while it is queued returns the same job.
    expect(expectData(await admin.graphql<{ startExtraction: { data: { id: string } } }>(START, { input })).startExtraction.data.id).toBe(first.id);
    expect(await api.db.job.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ kind: "EXTRACT", params: { backboneId: backbone.id, batchSize: 8 } });
    expectError(await admin.graphql(START, { input: { ...input, backboneId: "00000000-0000-4000-8000-000000000000" } }), "NOT_FOUND");

    const LIST = `query($id: ID!) { dataset(id: $id) { extractions(first: 5) { edges { node { id status progress } } } } }`;
    expect(expectData(await member.graphql<{ dataset: { extractions: { edges: { node: { id: string } }[] } } }>(LIST, { id: dataset.id })).dataset.extractions.edges).toEqual([{ node: { id: first.id, status: "QUEUED", progress: 0 } }]);
    const JOB = `query($id: ID!) { extractionJob(id: $id) { id } }`;
    expectError(await outsider.graphql(JOB, { id: first.id }), "NOT_FOUND");

    // Coverage: frames with a vector for the backbone, for members only.
    const title = await api.db.title.create({ data: { datasetId: dataset.id, name: "T" } });
    const frames = await Promise.all(
      [0, 1, 2].map((i) => api.db.frame.create({ data: { datasetId: dataset.id, titleId: title.id, sourceName: `${i}.jpg`, storageKey: `k${i}`, sha256: `${i}`.repeat(64), width: 1, height: 1 } })),
    );
    await api.db.featureVector.create({ data: { frameId: (frames[0] as { id: string }).id, backboneId: backbone.id, vector: vectorBytes([1, 2]) } });
    const COVERAGE = `query($datasetId: ID!) { backbones { id featureCoverage(datasetId: $datasetId) { vectors frames ratio } } }`;
    const coverage = expectData(await member.graphql<{ backbones: { id: string; featureCoverage: unknown }[] }>(COVERAGE, { datasetId: dataset.id })).backbones.find((row) => row.id === backbone.id);
    expect(coverage?.featureCoverage).toEqual({ vectors: 1, frames: 3, ratio: 1 / 3 });
    expectError(await outsider.graphql(COVERAGE, { datasetId: dataset.id }), "NOT_FOUND");
  });
});
