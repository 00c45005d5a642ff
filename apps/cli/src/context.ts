import { createPrismaClient, type Db } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { systemViewer, type ServiceContext } from "@kao/api";
import type { CliConfig } from "./config.ts";
import { openDatabase } from "./database.ts";

/** Runs a CLI command with a migrated database and a service context acting as the system. */
export async function withServices<T>(config: CliConfig, run: (ctx: ServiceContext & { db: Db }) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, (line) => console.error(line));
  const db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
  try {
    await migrate({ connectionString: database.connectionString, log: (line) => console.error(line) });
    return await run({ db, viewer: systemViewer, ip: "cli" });
  } finally {
    await db.$disconnect();
    await database.close();
  }
}
