import path from "node:path";
import { createPrismaClient } from "@kao/db";
import { loadModelCatalog } from "@kao/ml";
import { createLocalStorage } from "@kao/storage";
import { loadEnv } from "./env.ts";
import { logger } from "./logger.ts";
import { ensureDefaultBackbones } from "./backbones/default-backbones.ts";
import { startWorker } from "./worker.ts";

const env = loadEnv();
const db = createPrismaClient({ connectionString: env.DATABASE_URL, max: env.KAO_WORKER_POOL_SIZE });
// A worker on another machine has its own data folder: it converts the built-in models there too.
await ensureDefaultBackbones({ db, dataDir: env.KAO_DATA_DIR, log: (line) => logger.info(line) }).catch((error: unknown) =>
  logger.error("the built-in backbones could not be prepared", { message: error instanceof Error ? error.message : String(error) }),
);
const worker = await startWorker({
  db,
  connectionString: env.DATABASE_URL,
  storage: createLocalStorage({ root: path.join(env.KAO_DATA_DIR, "files") }),
  ffmpegPath: env.KAO_FFMPEG,
  poolSize: env.KAO_WORKER_POOL_SIZE,
  staleAfterMs: env.KAO_JOB_STALE_SECONDS * 1000,
  dataDir: env.KAO_DATA_DIR,
  mlProvider: env.KAO_ML_PROVIDER,
  mlThreads: env.KAO_ML_THREADS,
  modelCatalog: await loadModelCatalog({ file: env.KAO_MODEL_CATALOG }),
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
