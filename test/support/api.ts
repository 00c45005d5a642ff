import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createApiServer, type ApiServer, type Platform } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";
import { QUEUES, connectQueue, type Queue } from "@kao/queue";
import { createLocalStorage, type BlobStorage } from "@kao/storage";

export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";

export interface TestApi {
  db: Db;
  url: string;
  server: ApiServer;
  /** The API's blob storage (a temporary folder unless given); a test worker should share it. */
  storage: BlobStorage;
  storageRoot: string;
  /** Origin of the API, for non-GraphQL endpoints (`/uploads`, `/frames/…`). */
  origin: string;
  /** POSTs a GraphQL operation; returns the parsed body and HTTP status. */
  graphql<T = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/**
 * The real API over HTTP on a random loopback port, against the run's migrated Postgres
 * (or another database, for tests that need one to themselves).
 */
export async function startTestApi(
  options: { maxBodyBytes?: number; maxUploadBytes?: number; connectionString?: string; storageRoot?: string; leaseSeconds?: number; dataDir?: string; enqueue?: Platform["enqueue"]; modelCatalog?: Platform["modelCatalog"] } = {},
): Promise<TestApi> {
  const { connectionString = inject("databaseUrl"), storageRoot: givenRoot, leaseSeconds, dataDir, enqueue, modelCatalog, ...serverOptions } = options;
  const db = createPrismaClient({ connectionString, max: 5 });
  const storageRoot = givenRoot ?? (await mkdtemp(path.join(tmpdir(), "kao-files-")));
  await chmod(storageRoot, 0o755);
  const storage = createLocalStorage({ root: storageRoot });
  // The queue is connected on first use: most test files never enqueue anything.
  let queue: Promise<Queue> | undefined;
  const connect = () => (queue ??= connectQueue({ connectionString, applicationName: "kao-test-api" }));
  const server = await createApiServer({
    db,
    sessionSecret: TEST_SESSION_SECRET,
    ...serverOptions,
    platform: {
      storage,
      enqueueImport: async (jobId) => {
        await (await connect()).send(QUEUES.import, { jobId });
      },
      // A test without a worker of its own may keep its jobs off the shared queue, where other files' workers would run them.
      enqueue:
        enqueue ??
        (async (name, jobId) => {
          await (await connect()).send(name, { jobId });
        }),
      dataDir: dataDir ?? storageRoot,
      leaseSeconds,
      modelCatalog,
    },
  });
  const { url } = await server.listen(0);
  return {
    db,
    url,
    origin: new URL(url).origin,
    server,
    storage,
    storageRoot,
    async graphql(query, { variables, token, headers } = {}) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status">;
      return { status: response.status, ...body };
    },
    async close() {
      await server.close();
      if (queue) await (await queue).stop(false);
      await db.$disconnect();
      if (!givenRoot) await rm(storageRoot, { recursive: true, force: true });
    },
  };
}
