import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultMigrationsDir, migrate, readMigrations } from "@kao/db/migrate";
import { RestoreRefusedError, type BackupManifest } from "./manifest.ts";

type Applied = BackupManifest["migrations"];

/**
 * The archive's migrations must be the first ones of this checkout, unchanged: its table files fit
 * exactly that schema. An archive from a newer kao is refused (update kao first).
 */
export async function assertArchiveLevelKnown(archive: Applied, migrationsDir = defaultMigrationsDir) {
  const known = await readMigrations(migrationsDir);
  archive.forEach((migration, index) => {
    const local = known.find((candidate) => candidate.name === migration.name);
    if (!local) {
      throw new RestoreRefusedError(`the backup was made by a newer kao: its migration ${migration.name} is not in this checkout. Update kao, then restore.`);
    }
    if (local.checksum !== migration.checksum) throw new RestoreRefusedError(`migration ${migration.name} differs between the backup and this checkout (checksum); restore with the kao that made the backup`);
    if (known[index]?.name !== migration.name) throw new RestoreRefusedError(`the backup's migrations are not this checkout's first ${archive.length}: it skips ${known[index]?.name ?? "?"}`);
  });
}

/** The target may be empty or behind the archive, never ahead of it or on another branch. */
export function assertTargetNotAhead(target: Applied, archive: Applied) {
  target.forEach((migration, index) => {
    if (archive[index]?.name !== migration.name) {
      throw new RestoreRefusedError(
        `the database has migration ${migration.name}, which the backup (made at ${archive.at(-1)?.name ?? "no migration"}) does not: restore into an empty database`,
      );
    }
  });
}

/** Migrates to exactly the archive's level (not further): a folder holding only those migrations. */
export async function migrateToArchiveLevel(options: { connectionString: string; archive: Applied; migrationsDir?: string; log?: (line: string) => void }) {
  const source = options.migrationsDir ?? defaultMigrationsDir;
  const dir = await mkdtemp(path.join(tmpdir(), "kao-restore-migrations-"));
  try {
    for (const { name } of options.archive) await cp(path.join(source, name), path.join(dir, name), { recursive: true });
    return await migrate({ connectionString: options.connectionString, migrationsDir: dir, log: options.log });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
