import { createPrismaClient } from "@kao/db";
import { startTestDatabase } from "../test/support/database.ts";
import { seedLabellingWorld } from "./labelling-world.ts";
import { resettleDataset } from "../apps/api/src/modules/labelling/service/resettle-dataset.ts";

const database = await startTestDatabase();
const db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
try {
  const world = await seedLabellingWorld(db, { frames: 100_000, labellers: 1, overlap: 1 });
  const user = world.labellers[0]!.id;
  await db.$executeRaw`INSERT INTO "Annotation" ("frameId","userId",label,"updatedAt") SELECT id, ${user}::uuid, 'FACE', now() FROM "Frame" WHERE "datasetId" = ${world.datasetId}::uuid`;
  await db.$executeRaw`UPDATE "Frame" SET "labelCount" = 1, "labelStatus" = 'DONE' WHERE "datasetId" = ${world.datasetId}::uuid`;
  await db.$executeRaw`INSERT INTO "Consensus" ("frameId",label,method,"updatedAt") SELECT id, 'FACE', 'UNANIMOUS', now() FROM "Frame" WHERE "datasetId" = ${world.datasetId}::uuid`;
  for (const overlap of [2, 1]) {
    const t = performance.now();
    const n = await db.$transaction((tx) => resettleDataset(tx, world.datasetId, overlap), { timeout: 120_000 });
    console.log(`overlap → ${overlap}: ${n} frames re-settled in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
  console.log(await db.frame.groupBy({ by: ["labelStatus"], _count: { _all: true } }), await db.consensus.count());
} finally {
  await db.$disconnect();
  await database.stop();
}
