import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Db, Label, Split } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { createGraph } from "@kao/ml";
import { seededRandom } from "@kao/ml/random";
import { frameKeys, type BlobStorage } from "@kao/storage";
import { startWorker } from "@kao/worker";
import { startTestApi, type TestApi } from "../../support/api.ts";
import { createFreshDatabase } from "./fresh-database.ts";

/**
 * A small real CNN for the ML tests: 1×1 conv (3 → 4 channels) → ReLU ("features") → global average
 * pool → flatten → dense. Its channels are R, G, B and B − R (clipped at 0), so red-ish and blue-ish
 * images land far apart. The input size is fixed at 16×16, which registration reads from the model.
 */
export function tinyBackboneModel(): Uint8Array {
  const graph = createGraph({ name: "ml-test-backbone" });
  graph.addInput("image", ["N", 3, 16, 16]);
  graph.addInitializer("w", Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 1]), [4, 3, 1, 1]);
  graph.addInitializer("dense", Float32Array.from({ length: 8 }, (_, i) => (i % 3) - 1), [4, 2]);
  graph.addNode({ op: "Conv", inputs: ["image", "w"], outputs: ["conv"] });
  graph.addNode({ op: "Relu", inputs: ["conv"], outputs: ["features"] });
  graph.addNode({ op: "GlobalAveragePool", inputs: ["features"], outputs: ["pooled"] });
  graph.addNode({ op: "Flatten", inputs: ["pooled"], outputs: ["flat"] });
  graph.addNode({ op: "Gemm", inputs: ["flat", "dense"], outputs: ["logits"] });
  graph.addOutput("logits", ["N", 2]);
  return graph.toModelBytes();
}

export type Colour = { r: number; g: number; b: number };


/** A 48×32 JPEG of one colour with per-pixel noise of ±`noise`. */
export async function colourImage(colour: Colour, seed: number, noise = 12): Promise<Buffer> {
  const next = seededRandom(seed).uniform;
  const pixels = Buffer.alloc(48 * 32 * 3);
  const channel = (value: number) => Math.max(0, Math.min(255, Math.round(value + (next() * 2 - 1) * noise)));
  for (let i = 0; i < 48 * 32; i++) {
    pixels[i * 3] = channel(colour.r);
    pixels[i * 3 + 1] = channel(colour.g);
    pixels[i * 3 + 2] = channel(colour.b);
  }
  return sharp(pixels, { raw: { width: 48, height: 32, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** Red-ish (FACE in these tests) or dark blue-ish (NO_FACE), spread along the class so that margins mean something. */
export function classColour(label: "FACE" | "NO_FACE", seed: number): Colour {
  const t = seededRandom(seed * 7919 + 1).uniform();
  return label === "FACE" ? { r: 170 + 80 * t, g: 40 + 20 * t, b: 70 - 60 * t } : { r: 20 + 50 * t, g: 30 + 20 * t, b: 110 + 90 * t };
}

/**
 * A frame with a stored display image (what extraction reads), optionally a consensus label (DONE)
 * and its current split. Rows written straight to the database: the labelling and splits modules
 * are not under test here.
 */
export async function seedImageFrame(
  db: Db,
  storage: BlobStorage,
  options: { datasetId: string; titleId: string; colour: Colour; seed: number; label?: Label | null; split?: Split; sceneId?: string | null },
) {
  const sha256 = randomBytes(32).toString("hex");
  await storage.put(frameKeys(options.datasetId, sha256).display, await colourImage(options.colour, options.seed));
  return db.frame.create({
    data: {
      datasetId: options.datasetId,
      titleId: options.titleId,
      sceneId: options.sceneId ?? null,
      sourceName: `f-${sha256.slice(0, 8)}.jpg`,
      storageKey: frameKeys(options.datasetId, sha256).prefix,
      sha256,
      width: 48,
      height: 32,
      split: options.split ?? "UNASSIGNED",
      ...(options.label ? { labelStatus: "DONE" as const, labelCount: 1, consensus: { create: { label: options.label, method: "UNANIMOUS" as const } } } : {}),
    },
  });
}

/** A split version with the given assignments, as the splits module would write it. */
export async function seedSplitVersion(db: Db, datasetId: string, assignments: readonly { frameId: string; split: Split }[]) {
  return db.splitVersion.create({
    data: {
      datasetId,
      name: `v-${randomBytes(3).toString("hex")}`,
      seed: 1,
      params: {},
      assignments: { create: assignments.map((assignment) => ({ frameId: assignment.frameId, split: assignment.split })) },
    },
  });
}

/** Polls a job row until it finishes. */
export async function waitForJob(db: Db, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "SUCCEEDED" || job.status === "FAILED" || job.status === "CANCELLED") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} (${job.kind}) still ${job.status} after ${timeoutMs} ms (${job.done}/${job.total})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A float32 little-endian feature vector, as FeatureVector.vector stores it. */
export const vectorBytes = (values: readonly number[]) => new Uint8Array(Float32Array.from(values).buffer);

export interface MlEnv {
  api: TestApi;
  /** KAO_DATA_DIR of the API and the worker: relative backbone paths are under it. */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The API and a worker on a database of their own: workers of other test files would otherwise take
 * this file's jobs from the shared queue and look for its models and images in their own folders.
 */
export async function startMlEnv(options: { trainThreads?: number } = {}): Promise<MlEnv> {
  const database = await createFreshDatabase("kao_ml");
  await migrate({ connectionString: database.connectionString });
  const dataDir = await mkdtemp(path.join(tmpdir(), "kao-ml-"));
  const api = await startTestApi({ connectionString: database.connectionString, dataDir });
  const worker = await startWorker({
    db: api.db,
    connectionString: database.connectionString,
    storage: api.storage,
    poolSize: 2,
    dataDir,
    mlThreads: 1,
    ...(options.trainThreads === undefined ? {} : { trainThreads: options.trainThreads }),
  });
  return {
    api,
    dataDir,
    async close() {
      await worker.stop();
      await api.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
