import { createPrismaClient } from "@kao/db";
import { loadEnv } from "./env.ts";
import { logger } from "./logger.ts";
import { startWorker } from "./worker.ts";

const env = loadEnv();
const db = createPrismaClient({ connectionString: env.DATABASE_URL, max: env.KAO_WORKER_POOL_SIZE });
const worker = await startWorker({ db, connectionString: env.DATABASE_URL, poolSize: env.KAO_WORKER_POOL_SIZE });

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
