// The load benchmark's background work: what an admin does while 50 people label. A training set
// (frames with consensus labels, feature vectors and a split version, written in bulk like the
// labelling world's frames), an admin with an API token, and a generated video to import.
import path from "node:path";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import type { Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { resolveFfmpeg } from "@kao/media";
import { seededRandom } from "@kao/ml/random";
import type { LabelTally } from "./load-clients.ts";
import { verifyLabelling } from "./labelling-world.ts";
import { runTool } from "./measure.ts";

export async function seedAdmin(db: Db) {
  const user = await seedUser(db, { role: "ADMIN" });
  const { token } = await createApiTokenForUser({ db, viewer: systemViewer, ip: "bench" }, user.id, { name: "bench-admin" });
  return { id: user.id, token };
}


/**
 * A dataset of `frames` labelled frames with `dims`-dimensional features of two overlapping classes
 * (so the SVMs have real work), split 48 / 20 / 32, and a backbone row they belong to. Training reads
 * only these rows, so no images or ONNX file are needed.
 */
export async function seedTrainingSet(db: Db, options: { frames: number; dims: number }) {
  const dataset = await seedDataset(db, { name: `Bench training ${Date.now()}` });
  const title = await seedTitle(db, { datasetId: dataset.id, name: "Bench features" });
  const split = (i: number) => (i % 100 < 48 ? "TRAIN" : i % 100 < 68 ? "VAL" : "TEST");
  const rows = await db.$queryRaw<{ id: string; sourceName: string }[]>`
    INSERT INTO "Frame" ("datasetId", "titleId", "sourceName", "storageKey", sha256, width, height, "labelStatus", "labelCount", split, "updatedAt")
    SELECT ${dataset.id}::uuid, ${title.id}::uuid, 'features-' || i || '.jpg', 'features/' || i || '.jpg', md5('features' || i) || md5(i::text || 'features'),
           64, 64, 'DONE', 1, (CASE WHEN i % 100 < 48 THEN 'TRAIN' WHEN i % 100 < 68 THEN 'VAL' ELSE 'TEST' END)::"Split", now()
    FROM generate_series(0, ${options.frames - 1}::int) AS i
    RETURNING id, "sourceName"`;
  const frames = rows.map((row) => ({ id: row.id, i: Number(row.sourceName.slice("features-".length, -".jpg".length)) }));
  const backbone = await db.backbone.create({
    data: { name: `bench-features-${dataset.id.slice(0, 8)}`, modelPath: "bench-features.onnx", sha256: "0".repeat(64), inputWidth: 16, inputHeight: 16, tapLayer: "features", dims: options.dims },
  });
  const next = seededRandom(42).uniform;
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const labelOf = (i: number) => (i % 3 === 0 ? "NO_FACE" : "FACE");
  const vectors = frames.map((frame) => {
    const shift = labelOf(frame.i) === "FACE" ? 0.6 : -0.6;
    // Class means differ in the first 16 dimensions only; noise everywhere: about 5% of frames overlap.
    const values = Float32Array.from({ length: options.dims }, (_, d) => (d < 16 ? shift : 0) + gaussian());
    return { frameId: frame.id, backboneId: backbone.id, vector: new Uint8Array(values.buffer) };
  });
  for (let start = 0; start < vectors.length; start += 500) await db.featureVector.createMany({ data: vectors.slice(start, start + 500) });
  await db.consensus.createMany({ data: frames.map((frame) => ({ frameId: frame.id, label: labelOf(frame.i), method: "UNANIMOUS" as const })) });
  const version = await db.splitVersion.create({ data: { datasetId: dataset.id, name: "bench", seed: 1, params: {} } });
  await db.splitAssignment.createMany({ data: frames.map((frame) => ({ splitVersionId: version.id, frameId: frame.id, split: split(frame.i) })) });
  return { datasetId: dataset.id, backboneId: backbone.id, splitVersionId: version.id };
}

/** `seconds` of 640×360 testsrc2 (every second's picture differs), encoded as a camera would: H.264. */
export async function makeImportVideo(dir: string, seconds: number) {
  const file = path.join(dir, "episode.mp4");
  const { ffmpeg } = resolveFfmpeg();
  await runTool(ffmpeg, ["-y", "-v", "error", "-f", "lavfi", "-i", `testsrc2=s=640x360:r=25:d=${seconds}`, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file]);
  return file;
}

/** Every exactness check; empty when the counts are exact. */
export async function checkCounts(from: Db, datasetId: string, overlap: number, counts: LabelTally) {
  const verified = await verifyLabelling(from, datasetId, overlap);
  const problems = [...verified.problems];
  const stored = new Set((await from.$queryRaw<{ id: string }[]>`SELECT a.id FROM "Annotation" a JOIN "Frame" f ON f.id = a."frameId" WHERE f."datasetId" = ${datasetId}::uuid`).map((row) => row.id));
  if (counts.acceptedIds.size !== counts.acceptedReports) problems.push(`${counts.acceptedReports - counts.acceptedIds.size} annotation ids were reported as accepted twice`);
  const lost = [...counts.acceptedIds].filter((id) => !stored.has(id)).length;
  const unreported = [...stored].filter((id) => !counts.acceptedIds.has(id)).length;
  if (lost) problems.push(`${lost} accepted annotations are missing from the database`);
  if (unreported) problems.push(`${unreported} annotations in the database were never reported as accepted`);
  if (counts.rejected) problems.push(`${counts.rejected} decisions on frames leased to their labeller were rejected`);
  if (counts.handedAgain) problems.push(`${counts.handedAgain} times nextFrames handed a labeller a frame they had already labelled`);
  return { problems, annotations: stored.size, frames: verified.frames };
}
