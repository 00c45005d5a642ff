#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { loadConfig } from "./config.ts";
import { registerBackboneCommands } from "./commands/backbone.ts";
import { registerBackupCommand } from "./commands/backup.ts";
import { registerMigrateCommand } from "./commands/migrate.ts";
import { registerRestoreCommand } from "./commands/restore.ts";
import { registerSeedCommand } from "./commands/seed.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerTokenCommands } from "./commands/token.ts";
import { registerUserCommands } from "./commands/user.ts";

/** kao's operations CLI: `npm run kao -- <command>`. Works on the embedded Postgres or DATABASE_URL. */
const program = new Command("kao")
  .description("kao operations: accounts, tokens, migrations, demo data, backups, and running the platform")
  .showHelpAfterError()
  .exitOverride();

const config = () => loadConfig();
registerStartCommand(program, config);
registerMigrateCommand(program, config);
registerSeedCommand(program, config);
registerUserCommands(program, config);
registerTokenCommands(program, config);
registerBackboneCommands(program, config);
registerBackupCommand(program, config);
registerRestoreCommand(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
