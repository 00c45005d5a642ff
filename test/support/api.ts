import { inject } from "vitest";
import { createApiServer, type ApiServer } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";

export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";

export interface TestApi {
  db: Db;
  url: string;
  server: ApiServer;
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
export async function startTestApi(options: { maxBodyBytes?: number; connectionString?: string } = {}): Promise<TestApi> {
  const { connectionString = inject("databaseUrl"), ...serverOptions } = options;
  const db = createPrismaClient({ connectionString, max: 5 });
  const server = await createApiServer({ db, sessionSecret: TEST_SESSION_SECRET, ...serverOptions });
  const { url } = await server.listen(0);
  return {
    db,
    url,
    server,
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
      await db.$disconnect();
    },
  };
}
