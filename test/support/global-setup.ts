import type { TestProject } from "vitest/node";
import { startTestDatabase } from "./database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

/** One Postgres per test run; each test file starts its own API on it and seeds its own rows. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  project.provide("databaseUrl", database.connectionString);
  project.provide("adminDatabaseUrl", database.adminConnectionString);
  return () => database.stop();
}
