import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@kao/db/migrate";
import { startWorker } from "@kao/worker";
import { startTestApi, type TestApi } from "../support/api.ts";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";
import { signedIn, type Caller } from "./support/graphql.ts";
import { layersModelFiles as layersModel } from "./support/keras-model.ts";
import { waitForJob } from "./support/ml-fixtures.ts";

// Keras / TF.js layers models uploaded over HTTP (`POST /backbones/keras`, what the Backbones page
// sends) and converted by a real worker with the importer the CLI uses. The models are written by the
// test (support/keras-model.ts): input 8×8×3 → Conv2D "conv" (2 filters) → ReLU "features" → pool → Dense.
let database: FreshDatabase;
let dataDir: string;
let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>>;
let admin: Caller;

beforeAll(async () => {
  database = await createFreshDatabase("kao_keras");
  await migrate({ connectionString: database.connectionString });
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-keras-"));
  api = await startTestApi({ connectionString: database.connectionString, dataDir });
  worker = await startWorker({ db: api.db, connectionString: database.connectionString, storage: api.storage, poolSize: 2, dataDir, mlThreads: 1 });
  admin = await signedIn(api, { role: "ADMIN" });
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function upload(files: Record<string, Buffer>, fields: Record<string, string>, token = admin.token) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, bytes] of Object.entries(files)) form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${api.origin}/backbones/keras`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as { job?: { id: string }; errors?: { message: string; extensions: { code: string } }[] } };
}

async function importModel(files: Record<string, Buffer>, fields: Record<string, string>) {
  const { status, body } = await upload(files, fields);
  expect(status, JSON.stringify(body)).toBe(201);
  const id = body.job?.id ?? "";
  return waitForJob(api.db, id);
}

const unique = () => `keras-${Math.random().toString(36).slice(2, 10)}`;
const leftUploads = async () => readdir(path.join(api.storageRoot, "model-uploads")).catch(() => []);

describe("POST /backbones/keras", () => {
  it("converts an uploaded layers model to ONNX and registers it with the preprocessing and tap given", async () => {
    const name = unique();
    const job = await importModel(layersModel(), { name, tap: "features", scale: "1/127.5", offset: "-1", pooling: "AVG" });
    expect(job).toMatchObject({ status: "SUCCEEDED", done: 3, total: 3, error: null });
    const backbone = await api.db.backbone.findUniqueOrThrow({ where: { name } });
    expect(backbone).toMatchObject({ inputWidth: 8, inputHeight: 8, dims: 2, tapLayer: "features", pooling: "AVG", scale: 1 / 127.5, mean: [1, 1, 1], std: [1, 1, 1], channelOrder: "RGB" });
    expect(job.result).toEqual({ backboneId: backbone.id, path: backbone.modelPath });
    const onnx = await readFile(path.join(dataDir, backbone.modelPath));
    expect(createHash("sha256").update(onnx).digest("hex")).toBe(backbone.sha256);
    // The uploaded files are not kept once converted.
    expect(await leftUploads()).toEqual([]);
  });

  it("fixes an open input size from the form, and without one says the converter needs it", async () => {
    const open = layersModel({ inputShape: [null, null, null, 3] });
    const sized = unique();
    expect((await importModel(open, { name: sized, tap: "features", width: "12", height: "10" })).status).toBe("SUCCEEDED");
    expect(await api.db.backbone.findUniqueOrThrow({ where: { name: sized } })).toMatchObject({ inputWidth: 12, inputHeight: 10, dims: 2 });

    const unsized = await importModel(open, { name: unique(), tap: "features" });
    expect(unsized.status).toBe("FAILED");
    expect(unsized.error).toMatch(/input layer "input_1" has batch shape \[null,null,null,3\]; the converter needs \[null, height, width, channels\] with fixed sizes/);
    const refused = await importModel(layersModel(), { name: unique(), tap: "features", width: "12", height: "10" });
    expect(refused.error).toBe("the model takes 8×8 images, not 12×10; leave the input size empty");
  });

  it("fails an unsupported layer with the importer's message naming it, and registers nothing", async () => {
    const name = unique();
    const job = await importModel(layersModel({ featuresClass: "LSTM" }), { name, tap: "features" });
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/^layer "features" has class LSTM, which the Keras → ONNX converter does not support \(supported: InputLayer, Activation, /);
    expect(await api.db.backbone.count({ where: { name } })).toBe(0);
    expect(await leftUploads()).toEqual([]);
  });

  it("refuses uploads without model.json or with bad fields, before any job, and keeps none of their files", async () => {
    const { "model.json": _json, ...shards } = layersModel();
    expect(await upload(shards, { name: unique(), tap: "features" })).toEqual({
      status: 400,
      body: { errors: [{ message: "Upload model.json with its weight files (got group1-shard1of2.bin, group1-shard2of2.bin).", extensions: { code: "BAD_USER_INPUT" } }] },
    });
    const bad = await upload(layersModel(), { name: unique(), tap: "", scale: "one half" });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ message: "tap: Give the layer to tap (e.g. mixed7); scale: not a number: one half" }] } });
    const halfSized = await upload(layersModel(), { name: unique(), tap: "features", width: "8" });
    expect(halfSized).toMatchObject({ status: 400, body: { errors: [{ message: "width: Give both width and height, or neither." }] } });
    expect(await leftUploads()).toEqual([]);
    expect(await api.db.job.count({ where: { kind: "DOWNLOAD", status: "QUEUED" } })).toBe(0);
  });

  it("is for admins only", async () => {
    for (const role of ["LABELER", "REVIEWER", "VIEWER"] as const) {
      const user = await signedIn(api, { role });
      const { status, body } = await upload(layersModel(), { name: unique(), tap: "features" }, user.token);
      expect(status).toBe(403);
      expect(body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    }
    const anonymous = await fetch(`${api.origin}/backbones/keras`, { method: "POST", headers: { "x-kao-upload": "1" }, body: new FormData() });
    expect(anonymous.status).toBe(401);
    expect(await leftUploads()).toEqual([]);
  });
});
