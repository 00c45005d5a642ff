import type { Command } from "commander";
import { migrate } from "@kao/db/migrate";
import type { CliConfig } from "../config.ts";
import { openDatabase } from "../database.ts";

export function registerMigrateCommand(program: Command, config: () => CliConfig) {
  program
    .command("migrate")
    .description("apply pending database migrations (prisma/migrations)")
    .action(async () => {
      const database = await openDatabase(config(), (line) => console.error(line));
      try {
        const result = await migrate({ connectionString: database.connectionString, log: (line) => console.log(line) });
        console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
      } finally {
        await database.close();
      }
    });
}
