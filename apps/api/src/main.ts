import path from "node:path";
import { createPrismaClient } from "@kao/db";
import { loadModelCatalog } from "@kao/ml";
import { QUEUES, connectQueue } from "@kao/queue";
import { createLocalStorage } from "@kao/storage";
import { loadEnv } from "./env.ts";
import { logger } from "./logger.ts";
import { createApiServer } from "./server.ts";

const env = loadEnv();
const db = createPrismaClient({ connectionString: env.DATABASE_URL, max: env.KAO_DB_POOL_SIZE });
const queue = await connectQueue({
  connectionString: env.DATABASE_URL,
  applicationName: "kao-api",
  log: (error) => logger.error("queue error", { message: error.message }),
});
const server = await createApiServer({
  db,
  sessionSecret: env.NEXTAUTH_SECRET,
  maxBodyBytes: env.KAO_MAX_BODY_BYTES,
  maxUploadBytes: env.KAO_MAX_UPLOAD_BYTES,
  trustProxy: env.KAO_TRUST_PROXY,
  platform: {
    storage: createLocalStorage({ root: path.join(env.KAO_DATA_DIR, "files") }),
    enqueueImport: async (jobId) => {
      await queue.send(QUEUES.import, { jobId }, { singletonKey: jobId });
    },
    enqueue: async (name, jobId) => {
      await queue.send(name, { jobId }, { singletonKey: jobId });
    },
    dataDir: env.KAO_DATA_DIR,
    leaseSeconds: env.KAO_LEASE_SECONDS,
    modelCatalog: await loadModelCatalog({ file: env.KAO_MODEL_CATALOG }),
  },
});
const { url } = await server.listen(env.KAO_API_PORT, env.KAO_API_HOST);
logger.info("GraphQL API listening", { url });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await server.close();
  // The API only enqueues: nothing to finish gracefully, and the database may already be going down.
  await queue.stop(false);
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
