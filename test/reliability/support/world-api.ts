import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiServer } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { createLocalStorage, type BlobStorage } from "@kao/storage";
import { TEST_SESSION_SECRET, type GraphQLResponse } from "../../support/api.ts";
import { createFreshDatabase } from "../../integration/support/fresh-database.ts";

export interface WorldApi {
  db: Db;
  /** The GraphQL endpoint; `origin` for the plain HTTP routes (`/frames/…`, `/exports/…`). */
  url: string;
  origin: string;
  storage: BlobStorage;
  /** KAO_DATA_DIR of this API: backbone files registered by relative path live here. */
  dataDir: string;
  /** The plain HTTP routes the server answers, as `GET /frames/:id/:variant`. */
  routes: string[];
  /** Job ids the API handed to its queue, in order. */
  enqueued: string[];
  graphql<T = Record<string, unknown>>(query: string, options?: { variables?: Record<string, unknown>; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real API over HTTP on a migrated database of its own, with a queue that only records job ids:
 * no worker runs in the matrix, so queued jobs stay QUEUED and the world under test holds still. Its
 * own database, because those jobs would otherwise be found by other files (a queued download of a
 * catalog model is returned instead of a new one) and admins would list other files' datasets.
 */
export async function startWorldApi(): Promise<WorldApi> {
  const database = await createFreshDatabase("kao_matrix");
  await migrate({ connectionString: database.connectionString });
  const db = createPrismaClient({ connectionString: database.connectionString, max: 10 });
  const dataDir = await mkdtemp(path.join(tmpdir(), "kao-matrix-"));
  await chmod(dataDir, 0o755);
  const storage = createLocalStorage({ root: dataDir });
  const enqueued: string[] = [];
  const server = await createApiServer({
    db,
    sessionSecret: TEST_SESSION_SECRET,
    platform: {
      storage,
      dataDir,
      enqueueImport: async (jobId) => void enqueued.push(jobId),
      enqueue: async (_queue, jobId) => void enqueued.push(jobId),
    },
  });
  const { url } = await server.listen(0);
  // Express's own table of routes: a route added to server.ts shows up here without anyone listing it.
  const routes = server.app.router.stack.flatMap((layer) => {
    const route = layer.route;
    return route ? route.stack.map((handler) => `${handler.method.toUpperCase()} ${route.path}`) : [];
  });
  return {
    routes: [...new Set(routes)].sort(),
    db,
    url,
    origin: new URL(url).origin,
    storage,
    dataDir,
    enqueued,
    async graphql(query, { variables, headers } = {}) {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status">;
      return { status: response.status, ...body };
    },
    async close() {
      await server.close();
      await db.$disconnect();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
