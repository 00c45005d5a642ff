import path from "node:path";
import type { Command } from "commander";
import { requeueWaitingJobs, restoreBackup } from "../backup/index.ts";
import type { CliConfig } from "../config.ts";
import { openDatabase } from "../database.ts";

export function registerRestoreCommand(program: Command, config: () => CliConfig) {
  program
    .command("restore")
    .description("restore a `kao backup` archive into an empty database and data folder (stop kao first)")
    .argument("<file>", "the archive written by `kao backup`")
    .option("--force", "replace the data of a database and data folder that are not empty")
    .action(async (file: string, options: { force?: boolean }) => {
      const settings = config();
      const database = await openDatabase(settings, (line) => console.error(line));
      try {
        console.error(`restoring ${file}…`);
        const { manifest } = await restoreBackup({
          connectionString: database.connectionString,
          filesDir: path.join(settings.dataDir, "files"),
          archive: file,
          force: options.force,
          log: (line) => console.error(line),
        });
        const jobs = await requeueWaitingJobs({ connectionString: database.connectionString, log: (line) => console.error(line) });
        if (jobs.requeued > 0) console.error(`queued ${jobs.requeued} waiting jobs again`);
        const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
        console.log(`restored ${rows} rows in ${manifest.tables.length} tables and ${manifest.files.length} files from the backup of ${manifest.createdAt}`);
        console.error("kao applies any newer migrations at the next `npm start` (or `npm run kao -- migrate`).");
      } finally {
        await database.close();
      }
    });
}
