import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@kao/db/migrate";
import { loadModelCatalog } from "@kao/ml";
import { startWorker } from "@kao/worker";
import { startTestApi, type TestApi } from "../support/api.ts";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { tinyBackboneModel, waitForJob } from "./support/ml-fixtures.ts";

// Catalog downloads end to end: a catalog file (KAO_MODEL_CATALOG) points at a real HTTP server on
// loopback standing in for the model zoo; the API queues the job and a real worker fetches, checks
// and registers. Nothing leaves the machine.
const model = Buffer.from(tinyBackboneModel());
const sha256 = createHash("sha256").update(model).digest("hex");
/** A body that trickles out for about ten seconds, so a cancel arrives mid-download. */
const SLOW_CHUNKS = 100;
const slow = Buffer.alloc(SLOW_CHUNKS * 4096, 7);

let zoo: Server;
let database: FreshDatabase;
let dataDir: string;
let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>>;
let admin: Caller;

const preprocessing = { width: 16, height: 16, channelOrder: "RGB", scale: 1 / 255, mean: [], std: [] };
const entry = (key: string, url: string, overrides: Record<string, unknown> = {}) => ({
  key,
  title: `Test ${key}`,
  url,
  sizeBytes: model.length,
  sha256,
  preprocessing,
  tap: { kind: "before-last-pool" },
  dims: 4,
  licence: "MIT",
  ...overrides,
});

beforeAll(async () => {
  zoo = createServer((request, response) => {
    if (request.url === "/tiny.onnx") {
      response.writeHead(200, { "content-length": model.length });
      response.end(model);
    } else if (request.url === "/slow.onnx") {
      response.writeHead(200, { "content-length": slow.length });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === SLOW_CHUNKS || response.destroyed) {
          clearInterval(timer);
          response.end();
          return;
        }
        response.write(slow.subarray(sent * 4096, ++sent * 4096));
      }, 100);
      response.on("close", () => clearInterval(timer));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => zoo.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(zoo.address() as AddressInfo).port}`;
  // A port nobody listens on: what an offline server meets.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const offline = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/tiny.onnx`;
  await new Promise((resolve) => closed.close(resolve));

  dataDir = await mkdtemp(path.join(tmpdir(), "kao-catalog-"));
  const catalogFile = path.join(dataDir, "catalog.json");
  await writeFile(
    catalogFile,
    JSON.stringify([
      entry("tiny-test", `${base}/tiny.onnx`),
      entry("tiny-bad-sum", `${base}/tiny.onnx`, { sha256: "0".repeat(64) }),
      entry("tiny-offline", offline),
      entry("tiny-slow", `${base}/slow.onnx`, { sizeBytes: slow.length, sha256: createHash("sha256").update(slow).digest("hex") }),
    ]),
  );
  const modelCatalog = await loadModelCatalog({ file: catalogFile });
  database = await createFreshDatabase("kao_catalog");
  await migrate({ connectionString: database.connectionString });
  api = await startTestApi({ connectionString: database.connectionString, dataDir, modelCatalog });
  worker = await startWorker({ db: api.db, connectionString: database.connectionString, storage: api.storage, poolSize: 2, dataDir, mlThreads: 1, modelCatalog });
  admin = await signedIn(api, { role: "ADMIN" });
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await database?.drop();
  await new Promise((resolve) => zoo?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

const DOWNLOAD = `mutation($key: String!, $name: String) { downloadCatalogModel(key: $key, name: $name) {
  __typename
  ... on DownloadCatalogModelSuccess { data { id status catalogKey source name total } }
  ... on Error { message } } }`;
const JOB = `query($id: ID!) { backboneJob(id: $id) { id status done total progress error catalogKey backbone { name dims tapLayer inputWidth inputHeight scale modelPath sha256 } } }`;

type Started = { __typename: "DownloadCatalogModelSuccess"; data: { id: string; status: string; catalogKey: string; source: string; name: string; total: number } } | { __typename: string; message: string };
type JobView = { id: string; status: string; done: number; total: number; progress: number; error: string | null; catalogKey: string; backbone: Record<string, unknown> | null };

async function startDownload(key: string, name?: string) {
  const started = expectData(await admin.graphql<{ downloadCatalogModel: Started }>(DOWNLOAD, { key, name })).downloadCatalogModel;
  if (!("data" in started)) throw new Error(`download of ${key} refused: ${started.message}`);
  return started.data;
}
const readJob = async (id: string) => expectData(await admin.graphql<{ backboneJob: JobView }>(JOB, { id })).backboneJob;
const cachedFiles = async () => readdir(path.join(dataDir, "models")).catch(() => []);

describe("downloadCatalogModel", () => {
  it("downloads a catalog model with byte progress, checks it and registers it with the catalog's preprocessing and tap", async () => {
    const started = await startDownload("tiny-test");
    expect(started).toMatchObject({ catalogKey: "tiny-test", source: "CATALOG", name: "Test tiny-test", total: model.length });
    await waitForJob(api.db, started.id);
    const job = await readJob(started.id);
    expect(job).toMatchObject({ status: "SUCCEEDED", done: model.length, total: model.length, progress: 1, error: null });
    // The tap is the catalog's structural one: the input of the last pool, 4 channels.
    expect(job.backbone).toEqual({ name: "Test tiny-test", dims: 4, tapLayer: "features", inputWidth: 16, inputHeight: 16, scale: 1 / 255, modelPath: path.join("models", "tiny-test.onnx"), sha256 });
    expect(await readFile(path.join(dataDir, "models", "tiny-test.onnx"))).toEqual(model);

    const catalog = expectData(await admin.graphql<{ catalogModels: { key: string; cached: boolean }[] }>("{ catalogModels { key cached } }")).catalogModels;
    expect(catalog).toContainEqual({ key: "tiny-test", cached: true });
    const listed = expectData(await admin.graphql<{ backboneJobs: { id: string }[] }>("{ backboneJobs { id } }")).backboneJobs;
    expect(listed.map((row) => row.id)).toContain(started.id);
    // The name is taken now: a second download under it is refused before anything is queued.
    expect(expectData(await admin.graphql<{ downloadCatalogModel: Started }>(DOWNLOAD, { key: "tiny-test" })).downloadCatalogModel).toEqual({
      __typename: "ConflictError",
      message: 'A backbone named "Test tiny-test" already exists.',
    });
  });

  it("fails a file whose checksum differs with a clear error, keeps no file and registers nothing", async () => {
    const started = await startDownload("tiny-bad-sum");
    const done = await waitForJob(api.db, started.id);
    expect(done.status).toBe("FAILED");
    expect((await readJob(started.id)).error).toBe(`tiny-bad-sum.onnx from ${"http://127.0.0.1:" + (zoo.address() as AddressInfo).port}/tiny.onnx has sha256 ${sha256}, expected ${"0".repeat(64)}; the file was not kept`);
    expect(await api.db.backbone.count({ where: { name: "Test tiny-bad-sum" } })).toBe(0);
    expect((await cachedFiles()).filter((file) => file.startsWith("tiny-bad-sum"))).toEqual([]);
  });

  it("says where to copy the file when the server cannot reach the catalog's address", async () => {
    const started = await startDownload("tiny-offline");
    expect((await waitForJob(api.db, started.id)).status).toBe("FAILED");
    const { error } = await readJob(started.id);
    expect(error).toMatch(/^could not download tiny-offline\.onnx from http:\/\/127\.0\.0\.1:\d+\/tiny\.onnx: .*This machine may be offline: copy the file to /);
    expect(error).toContain(`${path.join(dataDir, "models", "tiny-offline.onnx")} (sha256 ${sha256})`);
    expect(await api.db.backbone.count({ where: { name: "Test tiny-offline" } })).toBe(0);
  });

  it("stops between chunks when the job is cancelled and removes the partial file", async () => {
    const started = await startDownload("tiny-slow");
    // The first bytes arrived (progress is written while they do) before the cancel.
    for (let deadline = Date.now() + 20_000; (await api.db.job.findUniqueOrThrow({ where: { id: started.id } })).done === 0; ) {
      if (Date.now() > deadline) throw new Error("no download progress within 20 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // What the jobs module's cancelJob writes.
    await api.db.job.update({ where: { id: started.id }, data: { cancelRequestedAt: new Date() } });
    const done = await waitForJob(api.db, started.id);
    expect(done.status).toBe("CANCELLED");
    expect(done.done).toBeGreaterThan(0);
    expect(done.done).toBeLessThan(slow.length);
    expect((await cachedFiles()).filter((file) => file.startsWith("tiny-slow"))).toEqual([]);
    expect(await api.db.backbone.count({ where: { name: "Test tiny-slow" } })).toBe(0);
  });

  it("is for admins only, and knows only catalog keys", async () => {
    for (const role of ["LABELER", "REVIEWER", "VIEWER"] as const) {
      const user = await signedIn(api, { role });
      expectError(await user.graphql(DOWNLOAD, { key: "tiny-test" }), "FORBIDDEN");
      expectError(await user.graphql("{ backboneJobs { id } }"), "FORBIDDEN");
    }
    expectError(await api.graphql(DOWNLOAD, { variables: { key: "tiny-test" } }), "UNAUTHENTICATED");
    const job = await api.db.job.findFirstOrThrow({ where: { kind: "DOWNLOAD" } });
    const reviewer = await signedIn(api, { role: "REVIEWER" });
    expectError(await reviewer.graphql(JOB, { id: job.id }), "FORBIDDEN");
    expect(expectData(await admin.graphql<{ downloadCatalogModel: Started }>(DOWNLOAD, { key: "no-such-model" })).downloadCatalogModel).toMatchObject({
      __typename: "ValidationError",
      message: 'No catalog model "no-such-model".',
    });
  });
});
