// A small labelled kao dataset to try the quality report on a dataset without real frames:
//   KAO_DATA_DIR=/tmp/kao-sample node --import tsx bench/extract-labelled-dataset-sample.ts [images per class, default 24]
// writes a dataset "bench sample <time>" into DATABASE_URL's database (or the embedded one of
// KAO_DATA_DIR, which must exist: run `npm run kao -- migrate` with the same KAO_DATA_DIR first) with
// generated face / no-face frames (extract-images.ts), two titles, scenes of three consecutive frames,
// consensus labels, and display JPEGs in KAO_DATA_DIR's storage, as an import and labelling would leave
// them. The classes are easy by design: this checks that the report runs, not what real frames score.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "@kao/db";
import { seedDataset, seedTitle } from "@kao/db/seed";
import { createLocalStorage, frameKeys } from "@kao/storage";
import { generateTestImages, DISPLAY_HEIGHT, DISPLAY_WIDTH } from "./extract-images.ts";
import { openBenchDatabase } from "./extract-labelled-dataset.ts";

const count = Number(process.argv[2] ?? "24");
if (!Number.isInteger(count) || count < 5) {
  console.error("usage: node --import tsx bench/extract-labelled-dataset-sample.ts [images per class ≥ 5, default 24]");
  process.exit(2);
}
const dataDir = path.resolve(process.env["KAO_DATA_DIR"] || ".data");
const database = await openBenchDatabase({ dataDir, databaseUrl: process.env["DATABASE_URL"], pgPort: Number(process.env["KAO_PG_PORT"] || 54329), say: console.log });
const db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
const temp = await mkdtemp(path.join(tmpdir(), "kao-sample-"));
try {
  const storage = createLocalStorage({ root: path.join(dataDir, "files") });
  const dataset = await seedDataset(db, { name: `bench sample ${new Date().toISOString().slice(0, 19)}` });
  const titles = [await seedTitle(db, { datasetId: dataset.id, name: "Sample A" }), await seedTitle(db, { datasetId: dataset.id, name: "Sample B" })] as const;
  for (const [label, kind, seed] of [["FACE", "face", 1], ["NO_FACE", "no_face", 2]] as const) {
    const files = await generateTestImages({ folder: path.join(temp, kind), count, kind, seed });
    let scene: string | null = null;
    for (const [i, file] of files.entries()) {
      if (i % 3 === 0) scene = (await db.scene.create({ data: { datasetId: dataset.id } })).id;
      const image = await readFile(file);
      const sha256 = createHash("sha256").update(image).update(kind).digest("hex");
      const keys = frameKeys(dataset.id, sha256);
      await storage.put(keys.display, image);
      await db.frame.create({
        data: {
          datasetId: dataset.id,
          titleId: titles[i % 2 === 0 ? 0 : 1].id,
          sceneId: scene,
          sourceName: `${kind}-${path.basename(file)}`,
          storageKey: keys.prefix,
          sha256,
          width: DISPLAY_WIDTH,
          height: DISPLAY_HEIGHT,
          labelStatus: "DONE",
          labelCount: 1,
          consensus: { create: { label, method: "UNANIMOUS" } },
        },
      });
    }
  }
  console.log(`wrote dataset "${dataset.name}" (${dataset.id}): ${count} face and ${count} no-face frames`);
  console.log(`now: KAO_DATA_DIR=${dataDir} BENCH_DATASET='${dataset.name}' node --import tsx bench/extract-quality-run.ts`);
} finally {
  await db.$disconnect();
  await database.close();
  await rm(temp, { recursive: true, force: true });
}
