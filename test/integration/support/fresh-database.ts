import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureDatabase } from "@kao/db/embedded";
import { dropDatabase } from "../../support/database.ts";

export interface FreshDatabase {
  name: string;
  connectionString: string;
  drop(): Promise<void>;
}

/** An empty database of its own on the run's Postgres server, for tests that need a whole database. */
export async function createFreshDatabase(prefix = "kao_fresh"): Promise<FreshDatabase> {
  const admin = inject("adminDatabaseUrl");
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await ensureDatabase(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { name, connectionString: url.toString(), drop: () => dropDatabase(admin, name) };
}
