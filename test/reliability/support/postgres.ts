import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@kao/db/embedded";
import { migrate } from "@kao/db/migrate";
import { freePort } from "../../support/free-port.ts";

export interface RestartablePostgres {
  /** A migrated database; the same URL before and after a restart. */
  connectionString: string;
  /** Stops the server (fast shutdown: open connections are terminated, committed data stays). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

/**
 * A Postgres server of this test's own, which the test may stop and start under the processes that
 * use it (the run's shared server must stay up for the other files). Persistent, so a stop keeps the data.
 */
export async function startRestartablePostgres(database = "kao_faults"): Promise<RestartablePostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), "kao-pg-restart-"));
  // Postgres runs as the `postgres` user when we are root; it must be able to enter the folder.
  await chmod(dir, 0o755);
  const options = { dataDir: path.join(dir, "pg"), port: await freePort(), database, ephemeral: false };
  let server: EmbeddedDatabase | null = await startEmbeddedPostgres(options);
  const connectionString = server.connectionString;
  await migrate({ connectionString });
  return {
    connectionString,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      if (server) return;
      server = await startEmbeddedPostgres(options);
    },
    async destroy() {
      await server?.stop();
      server = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
