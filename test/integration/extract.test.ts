import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@kao/db/migrate";
import { createPrismaClient, type Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { createGraph, extractFeatures, hashFile, openSession, exposeTensor } from "@kao/ml";
import { connectQueue, type Queue } from "@kao/queue";
import { createLocalStorage, frameKeys, type BlobStorage } from "@kao/storage";
import { QUEUES, ensureDefaultBackbones, startWorker } from "@kao/worker";
import { createFreshDatabase, type FreshDatabase } from "./support/fresh-database.ts";

// Extraction end to end on real parts: frames in storage, a real ONNX model on disk, the real worker
// taking the job from the Postgres queue, vectors in Postgres, compared with a direct extraction.
let db: Db;
let root: string;
let storage: BlobStorage;
let worker: Awaited<ReturnType<typeof startWorker>>;
let queue: Queue;
// A database of its own: workers of other test files would take this file's jobs from a shared queue.
let database: FreshDatabase;
const connectionString = () => database.connectionString;

/** A small CNN: 1×1 conv (3 → 4 channels) → ReLU ("features") → global pool → dense. */
function model() {
  const graph = createGraph({ name: "extract-test" });
  graph.addInput("image", ["N", 3, 32, 32]);
  graph.addInitializer("w", Float32Array.from({ length: 12 }, (_, i) => ((i % 5) - 2) / 3), [4, 3, 1, 1]);
  graph.addInitializer("dense", Float32Array.from({ length: 8 }, (_, i) => i / 8), [4, 2]);
  graph.addNode({ op: "Conv", inputs: ["image", "w"], outputs: ["conv"] });
  graph.addNode({ op: "Relu", inputs: ["conv"], outputs: ["features"] });
  graph.addNode({ op: "GlobalAveragePool", inputs: ["features"], outputs: ["pooled"] });
  graph.addNode({ op: "Flatten", inputs: ["pooled"], outputs: ["flat"] });
  graph.addNode({ op: "Gemm", inputs: ["flat", "dense"], outputs: ["logits"] });
  graph.addOutput("logits", ["N", 2]);
  return graph.toModelBytes();
}

const preprocessing = { width: 32, height: 32, channelOrder: "RGB" as const, scale: 1 / 127.5, mean: [1, 1, 1], std: [1, 1, 1] };

async function seedFramesWithImages(datasetId: string, titleId: string, count: number) {
  const frames = [];
  for (let i = 0; i < count; i++) {
    const jpeg = await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: (i * 40) % 256, g: (i * 90) % 256, b: 255 - ((i * 25) % 256) } } })
      .jpeg()
      .toBuffer();
    const sha256 = `${i.toString(16).padStart(4, "0")}${datasetId.replace(/-/g, "")}`.padEnd(64, "0").slice(0, 64);
    await storage.put(frameKeys(datasetId, sha256).display, jpeg);
    frames.push(await db.frame.create({ data: { datasetId, titleId, sourceName: `f${i}.jpg`, storageKey: frameKeys(datasetId, sha256).prefix, sha256, width: 64, height: 36 } }));
  }
  return frames;
}

async function registerBackbone(file: string, name: string) {
  await writeFile(file, model());
  return db.backbone.create({
    data: { name, modelPath: file, sha256: await hashFile(file), inputWidth: 32, inputHeight: 32, scale: preprocessing.scale, mean: preprocessing.mean, std: [1, 1, 1], tapLayer: "features", dims: 4 },
  });
}

async function runJob(datasetId: string, backboneId: string) {
  const job = await db.job.create({ data: { kind: "EXTRACT", datasetId, params: { backboneId, batchSize: 4 } } });
  await queue.send(QUEUES.extract, { jobId: job.id });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(current.status)) return current;
    if (Date.now() > deadline) throw new Error(`extraction job stuck in ${current.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const vectorOf = (bytes: Uint8Array) => Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));

beforeAll(async () => {
  database = await createFreshDatabase("kao_extract");
  await migrate({ connectionString: database.connectionString });
  db = createPrismaClient({ connectionString: connectionString(), max: 4 });
  root = await mkdtemp(path.join(tmpdir(), "kao-extract-"));
  storage = createLocalStorage({ root: path.join(root, "files") });
  worker = await startWorker({ db, connectionString: connectionString(), storage, poolSize: 2, dataDir: root, mlThreads: 1 });
  queue = await connectQueue({ connectionString: connectionString(), applicationName: "kao-extract-test" });
});
afterAll(async () => {
  await queue?.stop(false);
  await worker?.stop();
  await db?.$disconnect();
  await database?.drop();
  await rm(root, { recursive: true, force: true });
});

describe("feature extraction job", () => {
  it("stores one pooled vector per frame, equal to a direct extraction, and resumes without duplicates", async () => {
    const admin = await seedUser(db, { role: "ADMIN" });
    const dataset = await seedDataset(db, { members: [admin] });
    const title = await seedTitle(db, { datasetId: dataset.id });
    const frames = await seedFramesWithImages(dataset.id, title.id, 10);
    const backbone = await registerBackbone(path.join(root, "a.onnx"), `tiny-${dataset.id}`);

    const job = await runJob(dataset.id, backbone.id);
    expect(job).toMatchObject({ status: "SUCCEEDED", done: 10, total: 10, failed: 0 });
    const stored = await db.featureVector.findMany({ where: { backboneId: backbone.id }, orderBy: { frameId: "asc" } });
    expect(stored).toHaveLength(10);

    const { session } = await openSession({ model: exposeTensor(model(), "features"), intraOpThreads: 1 });
    const byId = new Map(stored.map((row) => [row.frameId, vectorOf(row.vector)]));
    for (const frame of frames) {
      const image = await storage.read(frameKeys(dataset.id, frame.sha256).display);
      const chunks: Buffer[] = [];
      for await (const chunk of image.stream) chunks.push(chunk as Buffer);
      const [direct] = await extractFeatures({ session, tap: "features", pooling: "MAX", preprocessing, images: [Buffer.concat(chunks)] });
      if (!direct || !("vector" in direct)) throw new Error("direct extraction failed");
      expect(byId.get(frame.id)).toEqual(Array.from(direct.vector));
    }

    // Lose three vectors (as if the worker died before writing them): a new run computes just those.
    const lost = frames.slice(0, 3).map((frame) => frame.id);
    await db.featureVector.deleteMany({ where: { backboneId: backbone.id, frameId: { in: lost } } });
    const before = await db.featureVector.findMany({ where: { backboneId: backbone.id, frameId: { notIn: lost } }, select: { frameId: true, createdAt: true } });
    const resumed = await runJob(dataset.id, backbone.id);
    expect(resumed).toMatchObject({ status: "SUCCEEDED", done: 10, total: 10 });
    expect(await db.featureVector.count({ where: { backboneId: backbone.id } })).toBe(10);
    const after = await db.featureVector.findMany({ where: { backboneId: backbone.id, frameId: { notIn: lost } }, select: { frameId: true, createdAt: true } });
    expect(after).toEqual(expect.arrayContaining(before)); // the other seven were not rewritten
  });

  it("reports frames whose image is missing or corrupt and extracts the rest", async () => {
    const dataset = await seedDataset(db);
    const title = await seedTitle(db, { datasetId: dataset.id });
    const frames = await seedFramesWithImages(dataset.id, title.id, 5);
    await storage.delete(frameKeys(dataset.id, (frames[1] as { sha256: string }).sha256).display);
    await storage.put(frameKeys(dataset.id, (frames[3] as { sha256: string }).sha256).display, Buffer.from("not a jpeg"));
    const backbone = await registerBackbone(path.join(root, "b.onnx"), `tiny-${dataset.id}`);

    const job = await runJob(dataset.id, backbone.id);
    expect(job).toMatchObject({ status: "SUCCEEDED", done: 5, failed: 2 });
    // Frames are visited in id order (random uuids), so the two errors come in either order.
    expect(job.errors).toHaveLength(2);
    expect(job.errors).toEqual(
      expect.arrayContaining([
        { item: "f1.jpg", message: "the frame's image is missing from storage" },
        { item: "f3.jpg", message: expect.stringMatching(/could not decode the image/) },
      ]),
    );
    expect(await db.featureVector.count({ where: { backboneId: backbone.id } })).toBe(3);
  });

  it("fails with a clear message when the model file changed since registration", async () => {
    const dataset = await seedDataset(db);
    const title = await seedTitle(db, { datasetId: dataset.id });
    await seedFramesWithImages(dataset.id, title.id, 1);
    const file = path.join(root, "c.onnx");
    const backbone = await registerBackbone(file, `tiny-${dataset.id}`);
    await writeFile(file, "replaced");
    const job = await runJob(dataset.id, backbone.id);
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/changed since it was registered/);
    expect(await db.featureVector.count({ where: { backboneId: backbone.id } })).toBe(0);
  });
});

describe("built-in backbones", () => {
  it("converts nsfwjs's models offline once, registers three taps, and extracts with MobileNetV2", async () => {
    const lines: string[] = [];
    const first = await ensureDefaultBackbones({ db, dataDir: root, log: (line) => lines.push(line) });
    expect(first.map((b) => [b.name, b.dims, b.inputWidth, b.tapLayer, b.modelPath])).toEqual([
      ["InceptionV3 mixed10 (nsfwjs)", 2048, 299, "mixed10", "models/inception_v3.onnx"],
      ["InceptionV3 mixed7 (nsfwjs)", 768, 299, "mixed7", "models/inception_v3.onnx"],
      ["MobileNetV2 out_relu (nsfwjs)", 1280, 224, "out_relu", "models/mobilenet_v2.onnx"],
    ]);
    expect(first[0]).toMatchObject({ scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], channelOrder: "RGB", sha256: await hashFile(path.join(root, "models/inception_v3.onnx")) });
    expect(lines.filter((line) => line.startsWith("converted"))).toHaveLength(2);

    lines.length = 0;
    const again = await ensureDefaultBackbones({ db, dataDir: root, log: (line) => lines.push(line) });
    expect(lines).toEqual([]); // the cached ONNX files were reused
    expect(again.map((b) => b.id)).toEqual(first.map((b) => b.id));

    const dataset = await seedDataset(db);
    const title = await seedTitle(db, { datasetId: dataset.id });
    await seedFramesWithImages(dataset.id, title.id, 3);
    const mobilenet = again[2];
    if (!mobilenet) throw new Error("no MobileNetV2");
    const job = await runJob(dataset.id, mobilenet.id);
    expect(job).toMatchObject({ status: "SUCCEEDED", done: 3, failed: 0 });
    const vectors = (await db.featureVector.findMany({ where: { backboneId: mobilenet.id, frame: { datasetId: dataset.id } } })).map((row) => vectorOf(row.vector));
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(1280);
      // out_relu is ReLU6: max-pooled values lie in [0, 6], and a real image lights up many channels.
      expect(vector.every((value) => value >= 0 && value <= 6)).toBe(true);
      expect(vector.filter((value) => value > 0).length).toBeGreaterThan(100);
    }
    expect(vectors[0]).not.toEqual(vectors[1]);
  }, 120_000);
});
