import path from "node:path";
import type { Command } from "commander";
import { createBackup } from "../backup/index.ts";
import type { CliConfig } from "../config.ts";
import { openDatabase } from "../database.ts";

export function registerBackupCommand(program: Command, config: () => CliConfig) {
  program
    .command("backup")
    .description("write one archive with the database (a consistent snapshot, also while kao runs) and the frame storage")
    .option("--out <file>", "archive to write (default: kao-backup-<time>.zip in the current folder)")
    .action(async (options: { out?: string }) => {
      const settings = config();
      const out = options.out ?? `kao-backup-${new Date().toISOString().replace(/[:.]/g, "-")}.zip`;
      const database = await openDatabase(settings, (line) => console.error(line));
      try {
        console.error("backing up the database and the frame storage…");
        const { file, manifest } = await createBackup({
          connectionString: database.connectionString,
          filesDir: path.join(settings.dataDir, "files"),
          out,
          log: (line) => console.error(line),
        });
        for (const skipped of manifest.skippedFiles) console.error(`skipped ${skipped.key}: ${skipped.reason}`);
        const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
        console.error(`backed up ${rows} rows in ${manifest.tables.length} tables and ${manifest.files.length} files (migration ${manifest.migrations.at(-1)?.name ?? "none"})`);
        console.log(file);
      } finally {
        await database.close();
      }
    });
}
