import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres, ensureDatabase } from "@kao/db/embedded";
import { migrate } from "@kao/db/migrate";
import { freePort } from "./free-port.ts";

export interface TestDatabase {
  /** A migrated database for this test run. */
  connectionString: string;
  /** A server-level URL that can create more databases (for migration tests). */
  adminConnectionString: string;
  stop(): Promise<void>;
}

/**
 * A real, migrated Postgres for the test run: the server at TEST_DATABASE_URL / DATABASE_URL when set
 * (a fresh database is created on it), otherwise an embedded server in a temporary folder.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const external = process.env["TEST_DATABASE_URL"] ?? process.env["DATABASE_URL"];
  if (external) {
    const name = `kao_test_${randomBytes(4).toString("hex")}`;
    await ensureDatabase(external, name);
    const url = new URL(external);
    url.pathname = `/${name}`;
    await migrate({ connectionString: url.toString() });
    return {
      connectionString: url.toString(),
      adminConnectionString: external,
      stop: () => dropDatabase(external, name),
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "kao-test-"));
  // Postgres runs as the `postgres` user when we are root; it must be able to enter the folder.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "kao_test", ephemeral: true });
  await migrate({ connectionString: server.connectionString });
  const admin = new URL(server.connectionString);
  admin.pathname = "/postgres";
  return {
    connectionString: server.connectionString,
    adminConnectionString: admin.toString(),
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function dropDatabase(adminConnectionString: string, name: string) {
  const client = new pg.Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
