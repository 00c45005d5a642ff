import path from "node:path";
import { createPrismaClient } from "@kao/db";
import { createLocalStorage } from "@kao/storage";
import { loadEnv } from "./env.ts";
import { logger } from "./logger.ts";
import { startWorker } from "./worker.ts";

const env = loadEnv();
const db = createPrismaClient({ connectionString: env.DATABASE_URL, max: env.KAO_WORKER_POOL_SIZE });
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
