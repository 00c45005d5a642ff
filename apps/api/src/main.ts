import { createPrismaClient } from "@kao/db";
import { loadEnv } from "./env.ts";
import { logger } from "./logger.ts";
import { createApiServer } from "./server.ts";

const env = loadEnv();
const db = createPrismaClient({ connectionString: env.DATABASE_URL, max: env.KAO_DB_POOL_SIZE });
const server = await createApiServer({ db, sessionSecret: env.NEXTAUTH_SECRET, maxBodyBytes: env.KAO_MAX_BODY_BYTES, trustProxy: env.KAO_TRUST_PROXY });
const { url } = await server.listen(env.KAO_API_PORT, env.KAO_API_HOST);
logger.info("GraphQL API listening", { url });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await server.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
