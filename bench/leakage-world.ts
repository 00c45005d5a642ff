// The leakage benchmark's data: one dataset of frames in scenes, split by scene (48 / 20 / 32), with
// every 50th scene a rerun of an earlier one (the same shots again, in whatever split its own scene
// went to): the cross-split look-alikes both leakage reports exist to find. Each frame has a 64-bit
// dHash (its scene's, a bit or two flipped) and a feature vector (its scene's, with a little noise).
import { randomUUID } from "node:crypto";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import type { Db, Split } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { seededRandom } from "@kao/ml/random";
import { makeSceneFeatures } from "./generated-features.ts";

export const SCENE_SIZE = 10;
const RERUN_EVERY = 50;
const CHUNK = 1000;

export interface LeakageWorld {
  features: Float32Array; // frames × dimensions, row-major
  hashes: BigInt64Array; // frames
  splits: Split[]; // frames
}

export function makeLeakageWorld(options: { frames: number; dimensions: number; seed: number }): LeakageWorld {
  const { frames, dimensions } = options;
  const { features } = makeSceneFeatures({ rows: frames, dimensions, seed: options.seed, sceneSize: SCENE_SIZE });
  const random = seededRandom(options.seed + 1);
  const word = () => BigInt(Math.floor(random.uniform() * 2 ** 32));
  const sceneCount = Math.ceil(frames / SCENE_SIZE);
  const sceneHash = Array.from({ length: sceneCount }, () => BigInt.asIntN(64, (word() << 32n) | word()));
  const sceneSplit = Array.from({ length: sceneCount }, (): Split => {
    const u = random.uniform();
    return u < 0.48 ? "TRAIN" : u < 0.68 ? "VAL" : "TEST";
  });
  const hashes = new BigInt64Array(frames);
  const splits: Split[] = [];
  for (let i = 0; i < frames; i++) {
    const scene = Math.floor(i / SCENE_SIZE);
    const rerunOf = scene % RERUN_EVERY === RERUN_EVERY - 1 ? scene - 7 : null;
    if (rerunOf !== null) {
      // The rerun's frame: the original's, re-encoded (each value within 2%).
      const from = (rerunOf * SCENE_SIZE + (i % SCENE_SIZE)) * dimensions;
      for (let k = 0; k < dimensions; k++) features[i * dimensions + k] = (features[from + k] as number) * (0.98 + 0.04 * random.uniform());
    }
    const base = sceneHash[rerunOf ?? scene] ?? 0n;
    hashes[i] = BigInt.asIntN(64, base ^ (1n << BigInt((i % SCENE_SIZE) * 5)) ^ (rerunOf === null ? 0n : 1n << 63n));
    splits.push(sceneSplit[scene] ?? "TRAIN");
  }
  return { features, hashes, splits };
}

/** The world in Postgres, inserted in chunks: a dataset, its frames, one split version, a backbone and its vectors; and an admin's token. */
export async function seedLeakageWorld(db: Db, world: LeakageWorld, dimensions: number) {
  const dataset = await seedDataset(db, { name: `Leakage bench ${Date.now()}` });
  const title = await seedTitle(db, { datasetId: dataset.id, name: "Bench" });
  const backbone = await db.backbone.create({ data: { name: `bench-${dataset.id}`, modelPath: "none.onnx", sha256: "0".repeat(64), inputWidth: 8, inputHeight: 8, tapLayer: "t", dims: dimensions } });
  const version = await db.splitVersion.create({ data: { datasetId: dataset.id, name: "bench", seed: 1, params: {} } });
  const frames = world.splits.length;
  // Raw inserts of whole arrays (unnest): an ORM row at a time would take minutes for 20,000 vectors.
  for (let start = 0; start < frames; start += CHUNK) {
    const count = Math.min(CHUNK, frames - start);
    const ids = Array.from({ length: count }, () => randomUUID());
    const hashes = Array.from({ length: count }, (_, k) => world.hashes[start + k] ?? 0n);
    const splits = Array.from({ length: count }, (_, k) => world.splits[start + k] ?? "TRAIN");
    const vectors = ids.map((_, k) => new Uint8Array(Float32Array.from(world.features.subarray((start + k) * dimensions, (start + k + 1) * dimensions)).buffer));
    await db.$executeRaw`
      INSERT INTO "Frame" (id, "datasetId", "titleId", "sourceName", "storageKey", sha256, width, height, phash, "updatedAt")
      SELECT v.id, ${dataset.id}::uuid, ${title.id}::uuid, 'bench-' || v.id || '.jpg', 'bench/' || v.id, replace(v.id::text, '-', '') || replace(v.id::text, '-', ''), 1280, 720, v.phash, now()
        FROM unnest(${ids}::uuid[], ${hashes}::int8[]) AS v(id, phash)`;
    await db.$executeRaw`
      INSERT INTO "SplitAssignment" ("splitVersionId", "frameId", split, "updatedAt")
      SELECT ${version.id}::uuid, v.id, v.split::"Split", now() FROM unnest(${ids}::uuid[], ${splits}::text[]) AS v(id, split)`;
    await db.$executeRaw`
      INSERT INTO "FeatureVector" ("frameId", "backboneId", vector, "updatedAt")
      SELECT v.id, ${backbone.id}::uuid, v.vector, now() FROM unnest(${ids}::uuid[], ${vectors}::bytea[]) AS v(id, vector)`;
  }
  await db.$executeRaw`ANALYZE "Frame"`;
  await db.$executeRaw`ANALYZE "SplitAssignment"`;
  await db.$executeRaw`ANALYZE "FeatureVector"`;
  const admin = await seedUser(db, { role: "ADMIN" });
  const { token } = await createApiTokenForUser({ db, viewer: systemViewer, ip: "bench" }, admin.id, { name: "bench" });
  return { datasetId: dataset.id, versionId: version.id, backboneId: backbone.id, token };
}
