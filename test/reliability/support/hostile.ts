import { expect } from "vitest";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { migrate } from "@kao/db/migrate";
import { seedUser } from "@kao/db/seed";
import { createFreshDatabase, type FreshDatabase } from "../../integration/support/fresh-database.ts";
import { expectNoLeaks } from "../../integration/support/graphql.ts";
import { startTestApi, type GraphQLResponse, type TestApi } from "../../support/api.ts";

export interface HostileEnv {
  api: TestApi;
  database: FreshDatabase;
  admin: { id: string; email: string; password: string; token: string };
  close(): Promise<void>;
}

/**
 * An API on a database of its own: hostile input runs every mutation with random arguments, which must
 * not disturb other files' rows. Jobs are never sent to a queue (no worker should pick them up).
 */
export async function startHostileEnv(options: Parameters<typeof startTestApi>[0] = {}): Promise<HostileEnv> {
  const database = await createFreshDatabase("kao_hostile");
  await migrate({ connectionString: database.connectionString });
  const api = await startTestApi({ connectionString: database.connectionString, enqueue: async () => undefined, ...options });
  const user = await seedUser(api.db, { role: "ADMIN" });
  const { token } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, user.id, { name: "hostile" });
  return {
    api,
    database,
    admin: { id: user.id, email: user.email, password: user.password, token },
    async close() {
      await api.close();
      await database.drop();
    },
  };
}

/** The process still answers: /healthz, and a normal authenticated query. */
export async function expectHealthy(api: TestApi, token: string) {
  const health = await fetch(`${api.origin}/healthz`);
  expect(health.status).toBe(200);
  const me = await api.graphql<{ me: { id: string } }>("{ me { id } }", { token });
  expect(me.errors, JSON.stringify(me.errors)).toBeUndefined();
  expect(me.data?.me.id).toBeTruthy();
}

/** A clear refusal or a normal answer: never a 5xx, never INTERNAL_SERVER_ERROR, never internals. */
export function expectNoServerError(response: GraphQLResponse<unknown>, what: string) {
  expect(response.status, `${what}: HTTP ${response.status} ${JSON.stringify(response.errors)}`).toBeLessThan(500);
  const codes = (response.errors ?? []).map((error) => error.extensions?.code);
  expect(codes, `${what}: ${JSON.stringify(response.errors)}`).not.toContain("INTERNAL_SERVER_ERROR");
  expect(codes.every((code) => typeof code === "string"), `${what}: an error without a code: ${JSON.stringify(response.errors)}`).toBe(true);
  expectNoLeaks(response);
}

/** A raw HTTP request (bodies the JSON helper cannot send); the JSON body if there is one. */
export async function sendRaw(url: string, init: RequestInit = {}): Promise<GraphQLResponse<unknown> & { text: string; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Omit<GraphQLResponse<unknown>, "status"> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (an image, an HTML page): the caller looks at `text` and the status.
  }
  return { status: response.status, text, headers: response.headers, ...body };
}

/**
 * Everything this process writes to stdout and stderr until `stop()` (the in-process API logs there).
 * Lines still reach the terminal, so a failing test shows them.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  const tap = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return (originals[stream] as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tap("stdout");
  process.stderr.write = tap("stderr");
  return {
    text: () => chunks.join(""),
    stop() {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}
