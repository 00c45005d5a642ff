// The load benchmark's running system, as `npm start` runs it: an embedded Postgres that can be
// restarted with another max_connections, and the API and the worker as processes of their own, so
// that the benchmark's 50 clients do not share an event loop (or a CPU account) with the server.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Db } from "@kao/db";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@kao/db/embedded";
import { freePort } from "../test/support/free-port.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

/**
 * A Postgres cluster in `dir` that survives restarts (unlike the tests' ephemeral one), so a second
 * phase can run on the same data with a lower max_connections.
 */
export async function startRestartablePostgres(dir: string) {
  const port = await freePort();
  const options = { dataDir: dir, port, database: "kao_bench", ephemeral: false };
  let server: EmbeddedDatabase = await startEmbeddedPostgres(options);
  return {
    connectionString: server.connectionString,
    /** Restarts the server with `max_connections` (ALTER SYSTEM, so it lasts until changed again). */
    async restartWith(maxConnections: number) {
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      try {
        await client.query(`ALTER SYSTEM SET max_connections = ${Math.floor(maxConnections)}`);
      } finally {
        await client.end();
      }
      await server.stop();
      server = await startEmbeddedPostgres(options);
    },
    stop: () => server.stop(),
  };
}

/** The server's max_connections and how many connections to `database` are open now. */
export async function connectionStats(connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ max: string; open: string }>(
      "SELECT current_setting('max_connections') AS max, (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) AS open",
    );
    return { max: Number(rows[0]?.max), open: Number(rows[0]?.open) };
  } finally {
    await client.end();
  }
}

export /** Samples how many connections kao holds on the server, every second, until stopped. */
function sampleConnections(from: Db) {
  let peak = 0;
  let max = 0;
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const [row] = await from.$queryRaw<{ open: number; max: number }[]>`
        SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::int AS open, current_setting('max_connections')::int AS max`;
      peak = Math.max(peak, row?.open ?? 0);
      max = row?.max ?? max;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return { peak, max };
  };
}

export interface KaoProcess {
  name: string;
  child: ChildProcess;
  log: string;
  /** Stops it with SIGTERM (its own graceful shutdown) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `apps/<app>/src/main.ts` with `env`, its output in `<logDir>/<name>.log`. */
async function startApp(name: string, app: "api" | "worker", env: Record<string, string>, logDir: string): Promise<KaoProcess> {
  await mkdir(logDir, { recursive: true });
  const log = path.join(logDir, `${name}.log`);
  const out = createWriteStream(log, { flags: "a" });
  const child = spawn(process.execPath, ["--import", "tsx", `apps/${app}/src/main.ts`], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
      out.end();
    },
  };
}

/** The last lines of a process's log, for error messages. */
export async function tailOf(log: string, lines = 15) {
  return (await readFile(log, "utf8").catch(() => "")).trimEnd().split("\n").slice(-lines).join("\n");
}

/** The error lines (level "error") a process logged, e.g. a queue or pool failure no client saw. */
export async function errorLines(log: string) {
  return (await readFile(log, "utf8").catch(() => "")).split("\n").filter((line) => line.includes('"level":"error"'));
}

async function waitFor(what: string, proc: KaoProcess, ready: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited (${proc.child.exitCode}) before it was ready:\n${await tailOf(proc.log)}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${await tailOf(proc.log)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The API (database pool `apiPool`) and one worker (pool `workerPool`, for Prisma and pg-boss each)
 * on `connectionString`, sharing `dataDir` as `npm start` has them share `.data`. Resolves once the
 * API answers /healthz and the worker says it is ready.
 */
export async function startKao(options: { connectionString: string; dataDir: string; logDir: string; apiPool: number; workerPool: number; label: string }) {
  const port = await freePort();
  const shared = { DATABASE_URL: options.connectionString, KAO_DATA_DIR: options.dataDir, NODE_ENV: "production" };
  const api = await startApp(`api-${options.label}`, "api", { ...shared, NEXTAUTH_SECRET: "bench-session-secret-0123456789abcdef0123456789", KAO_API_PORT: String(port), KAO_DB_POOL_SIZE: String(options.apiPool) }, options.logDir);
  // One ONNX thread: the worker's CNN work is not what this benchmark measures, and there are 2 cores.
  const worker = await startApp(`worker-${options.label}`, "worker", { ...shared, KAO_WORKER_POOL_SIZE: String(options.workerPool), KAO_ML_THREADS: "1" }, options.logDir);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor("the API", api, async () => (await fetch(`${origin}/healthz`).catch(() => null))?.ok === true);
    await waitFor("the worker", worker, async () => (await readFile(worker.log, "utf8").catch(() => "")).includes('"worker ready"'));
  } catch (error) {
    await Promise.all([api.stop(), worker.stop()]);
    throw error;
  }
  return {
    origin,
    url: `${origin}/graphql`,
    api,
    worker,
    async stop() {
      await api.stop();
      await worker.stop();
    },
  };
}

export type Kao = Awaited<ReturnType<typeof startKao>>;
