import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@kao/db/embedded";
import type { CliConfig } from "./config.ts";

export interface OpenDatabase {
  connectionString: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded Postgres in KAO_DATA_DIR/postgres. When `npm start`
 * is already running that server, CLI commands connect to it instead of starting a second one.
 */
export async function openDatabase(config: CliConfig, log: (line: string) => void = () => {}): Promise<OpenDatabase> {
  if (config.DATABASE_URL) return { connectionString: config.DATABASE_URL, embedded: false, close: async () => {} };

  const running = await runningEmbeddedUrl(config);
  if (running) return { connectionString: running, embedded: true, close: async () => {} };

  // Problems only; and none once closing, when "terminating connection" lines are expected.
  let closing = false;
  const server = await startEmbeddedPostgres({
    dataDir: config.postgresDir,
    port: config.KAO_PG_PORT,
    log: (line) => {
      if (!closing && /FATAL|PANIC|ERROR|initialising/.test(line)) log(`[postgres] ${line}`);
    },
  });
  return {
    connectionString: server.connectionString,
    embedded: true,
    close: () => {
      closing = true;
      return server.stop();
    },
  };
}

async function runningEmbeddedUrl(config: CliConfig): Promise<string | undefined> {
  const credentialsFile = path.join(config.postgresDir, "credentials.json");
  if (!existsSync(path.join(config.postgresDir, "cluster", "postmaster.pid")) || !existsSync(credentialsFile)) return undefined;
  const { user, password } = JSON.parse(await readFile(credentialsFile, "utf8")) as { user: string; password: string };
  const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${config.KAO_PG_PORT}/kao`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    // A stale postmaster.pid from a crash: Postgres itself clears it when we start the server.
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
