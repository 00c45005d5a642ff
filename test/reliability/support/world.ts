import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { seedDataset, seedUser } from "@kao/db/seed";
import { serialiseSvmModel, trainSvm } from "@kao/ml";
import { frameKeys } from "@kao/storage";
import { tinyBackboneModel } from "../../integration/support/ml-fixtures.ts";
import { scenesOf, seedLabelledTitle } from "../../integration/support/split-fixtures.ts";
import type { WorldApi } from "./world-api.ts";
import { memberUsers, seedClients, type Client, type SeededUser } from "./world-clients.ts";

export interface World {
  api: WorldApi;
  clients: Client[];
  admin: Client;
  /** A LABELER outside the dataset: the "someone else" of user and token operations. */
  other: SeededUser;
  dataset: { id: string; name: string };
  title: { id: string };
  frames: { id: string; sha256: string }[];
  /** frames[0]'s JPEG, stored under all three variants. */
  image: Buffer;
  /** A real ONNX backbone file (path relative to the API's data dir). */
  backboneFile: string;
  splitVersion: { id: string };
  backbone: { id: string };
  run: { id: string };
  /** One job of each kind; `download` (a catalog download) belongs to no dataset. */
  jobs: { import: string; extract: string; train: string; predict: string; download: string };
  /** Ids of the world's dataset and everything in it: no response to an outsider may contain one. */
  secretIds: string[];
}

/** A small JPEG stored as a frame's image, display and thumbnail, as the importer writes them. */
export async function storeFrameVariants(api: WorldApi, datasetId: string, sha256: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();
  const keys = frameKeys(datasetId, sha256);
  await Promise.all([keys.image, keys.display, keys.thumbnail].map((key) => api.storage.put(key, jpeg)));
  return jpeg;
}

/**
 * The world every operation is tried in: the callers, and one dataset with labelled frames (scenes),
 * stored images, a split version made by the API itself, a backbone, a trained run with a model and
 * predictions, and one job of each kind. Operations that change things make fresh rows (world-rows.ts).
 */
export async function seedWorld(api: WorldApi): Promise<World> {
  const clients = await seedClients(api);
  const admin = clients.find((client) => client.caller === "admin" && client.via === "token");
  if (!admin?.user) throw new Error("the world has no admin client");
  const other = await seedUser(api.db, { role: "LABELER" });
  const members = memberUsers(clients);
  const dataset = await seedDataset(api.db, { members });
  // Members who have signed in, so that who may see when is tested against real values.
  await api.db.user.updateMany({ where: { id: { in: members.map((member) => member.id) } }, data: { lastLoginAt: new Date() } });
  const { title, frames } = await seedLabelledTitle(api.db, { datasetId: dataset.id, scenes: scenesOf(4, 3) });
  const first = frames[0];
  if (!first) throw new Error("the world has no frames");
  const image = await storeFrameVariants(api, dataset.id, first.sha256);

  const split = await api.graphql<{ createSplit: { __typename: string; data?: { id: string } } }>(
    `mutation($id: ID!) { createSplit(datasetId: $id, input: { name: "matrix", seed: 1 }) { __typename ... on CreateSplitSuccess { data { id } } } }`,
    { variables: { id: dataset.id }, headers: admin.headers },
  );
  const splitVersionId = split.data?.createSplit.data?.id;
  if (!splitVersionId) throw new Error(`the world's split failed: ${JSON.stringify(split)}`);

  // A real backbone and a real model, so that `POST /predict` answers allowed callers for real.
  const backboneFile = "models/matrix-tiny.onnx";
  await mkdir(path.join(api.dataDir, "models"), { recursive: true });
  await writeFile(path.join(api.dataDir, backboneFile), tinyBackboneModel());
  const registered = await api.graphql<{ registerBackbone: { data?: { id: string } } }>(
    `mutation($input: RegisterBackboneInput!) { registerBackbone(input: $input) { ... on RegisterBackboneSuccess { data { id } } } }`,
    { variables: { input: { name: `matrix-${randomUUID().slice(0, 8)}`, path: backboneFile, tap: "features" } }, headers: admin.headers },
  );
  const backboneId = registered.data?.registerBackbone.data?.id;
  if (!backboneId) throw new Error(`the world's backbone failed: ${JSON.stringify(registered)}`);
  const backbone = { id: backboneId };
  // The tiny backbone has 4 features; frames' vectors: the FACE scenes (even) lean on the first channel.
  const vectors = frames.map((_frame, i) => [Math.floor(i / 3) % 2 === 0 ? 1 : 0.1, Math.floor(i / 3) % 2 === 0 ? 0.1 : 1, 0.5, i / 10]);
  const model = await trainSvm({
    features: Float32Array.from(vectors.flat()),
    dimensions: 4,
    labels: Uint8Array.from(frames, (_frame, i) => (Math.floor(i / 3) % 2 === 0 ? 1 : 0)),
    kernel: { type: "linear" },
    C: 1,
  });
  const job = (kind: "IMPORT" | "EXTRACT" | "TRAIN" | "PREDICT", params: Record<string, string> = {}) =>
    api.db.job.create({ data: { kind, datasetId: dataset.id, status: "SUCCEEDED", params, finishedAt: new Date() } });
  const train = await job("TRAIN", { backboneId: backbone.id, splitVersionId });
  const run = await api.db.trainingRun.create({
    data: {
      datasetId: dataset.id,
      backboneId: backbone.id,
      splitVersionId,
      jobId: train.id,
      kernel: "LINEAR",
      params: { C: 1 },
      status: "SUCCEEDED",
      model: new Uint8Array(serialiseSvmModel(model)),
    },
  });
  await api.db.prediction.createMany({ data: frames.map((frame, i) => ({ runId: run.id, frameId: frame.id, decisionValue: i - 5, label: i < 5 ? "NO_FACE" : "FACE" })) });
  // Feature vectors, so that the feature leakage report has something to compare.
  await api.db.featureVector.createMany({
    data: frames.map((frame, i) => ({ frameId: frame.id, backboneId: backbone.id, vector: new Uint8Array(Float32Array.from(vectors[i] ?? []).buffer) })),
  });
  const [importJob, extract, predict] = await Promise.all([job("IMPORT"), job("EXTRACT", { backboneId: backbone.id }), job("PREDICT", { runId: run.id })]);
  const download = await api.db.job.create({ data: { kind: "DOWNLOAD", datasetId: null, status: "SUCCEEDED", params: { source: "catalog", key: "matrix", name: "Matrix" } } });

  const jobs = { import: importJob.id, extract: extract.id, train: train.id, predict: predict.id, download: download.id };
  return {
    api,
    clients,
    admin,
    other,
    dataset,
    title,
    frames,
    image,
    backboneFile,
    splitVersion: { id: splitVersionId },
    backbone,
    run,
    jobs,
    secretIds: [dataset.id, title.id, splitVersionId, run.id, importJob.id, extract.id, train.id, predict.id, ...frames.map((frame) => frame.id)],
  };
}
