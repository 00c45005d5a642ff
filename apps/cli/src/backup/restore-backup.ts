import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { assertValidKey } from "@kao/storage";
import { openBackupArchive, type BackupArchive } from "./archive-reader.ts";
import { listStorageKeys } from "./create-backup.ts";
import { Digest } from "./digest.ts";
import { BackupArchiveError, RestoreRefusedError, type BackupManifest } from "./manifest.ts";
import { assertArchiveLevelKnown, assertTargetNotAhead, migrateToArchiveLevel } from "./migration-level.ts";
import { appliedMigrations, COPY_SESSION_SETTINGS, listTables, quoteIdent, type TableInfo } from "./tables.ts";
import { assertEntryMatches, verifyBackupArchive } from "./verify-archive.ts";

/**
 * Restores a `createBackup` archive into a database and a frame storage folder.
 *
 * Nothing is touched until the whole archive checked out against its manifest. The target must be
 * empty (or `force`); it is migrated to the archive's level, then every table is loaded with COPY in
 * one transaction, parents first, and the files are written to a staging folder. Only when the
 * counts match is the transaction committed and the staging folder put in place, so a failure leaves
 * the database without kao data (at most migrated) and the files as they were.
 */
export async function restoreBackup(options: {
  connectionString: string;
  filesDir: string;
  archive: string;
  /** Replace the data of a database (and storage folder) that is not empty. */
  force?: boolean;
  migrationsDir?: string;
  log?: (line: string) => void;
}): Promise<{ manifest: BackupManifest }> {
  const log = options.log ?? (() => {});
  const archive = await openBackupArchive(path.resolve(options.archive));
  try {
    const { manifest } = archive;
    await assertArchiveLevelKnown(manifest.migrations, options.migrationsDir);
    await verifyBackupArchive(archive, log);
    await assertTargetReady({ ...options, manifest });

    const migrated = await migrateToArchiveLevel({ connectionString: options.connectionString, archive: manifest.migrations, migrationsDir: options.migrationsDir, log });
    if (migrated.applied.length > 0) log(`migrated the database to the backup's level (${migrated.applied.length} migrations)`);
    await loadAll({ ...options, archive, log });
    return { manifest };
  } finally {
    archive.close();
  }
}

async function assertTargetReady(options: { connectionString: string; filesDir: string; force?: boolean; manifest: BackupManifest }) {
  const client = new pg.Client({ connectionString: options.connectionString, application_name: "kao-restore" });
  await client.connect();
  try {
    assertTargetNotAhead(await appliedMigrations(client), options.manifest.migrations);
    if (options.force) return;
    const filled: string[] = [];
    for (const table of await listTables(client)) {
      const { rows } = await client.query<{ some: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS some`);
      if (rows[0]?.some) filled.push(table.name);
    }
    if (filled.length > 0) throw new RestoreRefusedError(`the database already holds kao data (${filled.join(", ")}); restore into an empty database, or pass --force to replace it`);
    const files = await listStorageKeys(options.filesDir);
    if (files.length > 0) throw new RestoreRefusedError(`${options.filesDir} already holds ${files.length} files; restore into an empty data folder, or pass --force to replace them`);
  } finally {
    await client.end();
  }
}

async function loadAll(options: { connectionString: string; filesDir: string; force?: boolean; archive: BackupArchive; log: (line: string) => void }) {
  const { archive, log } = options;
  const { manifest } = archive;
  const staging = `${options.filesDir}.restoring-${randomUUID().slice(0, 8)}`;
  const client = new pg.Client({ connectionString: options.connectionString, application_name: "kao-restore" });
  await client.connect();
  try {
    await client.query(COPY_SESSION_SETTINGS);
    await client.query("BEGIN");
    const tables = await listTables(client);
    assertSameTables(tables, manifest.tables);
    if (options.force) await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(", ")}`);
    for (const table of manifest.tables) {
      const digest = new Digest();
      const copy = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
      await pipeline(await archive.open(table.entry), digest, copy);
      assertEntryMatches(archive.file, table.entry, digest, table);
      if (copy.rowCount !== table.rows) throw new BackupArchiveError(`${table.name}: loaded ${copy.rowCount} rows, the backup has ${table.rows}`);
      log(`  ${table.name}: ${table.rows} rows`);
    }
    for (const sequence of manifest.sequences) await client.query("SELECT setval($1::regclass, $2::bigint)", [quoteIdent(sequence.name), sequence.lastValue]);
    await assertCounts(client, manifest);

    for (const file of manifest.files) {
      assertValidKey(file.key);
      const target = path.join(staging, ...file.key.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      const digest = new Digest();
      await pipeline(await archive.open(file.entry), digest, createWriteStream(target));
      assertEntryMatches(archive.file, file.entry, digest, file);
    }
    log(`  frame storage: ${manifest.files.length} files`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: unknown) => log(`rollback failed too: ${String(rollback)}`));
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end();
  }
  await swapIn(staging, options.filesDir);
}

function assertSameTables(tables: TableInfo[], expected: BackupManifest["tables"]) {
  const describe = (list: { name: string; columns: string[] }[]) => list.map((t) => `${t.name}(${t.columns.join(",")})`).sort().join(" ");
  if (describe(tables) !== describe(expected)) {
    throw new RestoreRefusedError("the database's tables differ from the backup's at the same migration level (was the schema changed by hand?); restore into an empty database");
  }
}

async function assertCounts(client: pg.Client, manifest: BackupManifest) {
  for (const table of manifest.tables) {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${quoteIdent(table.name)}`);
    if (Number(rows[0]?.count) !== table.rows) throw new BackupArchiveError(`${table.name} has ${rows[0]?.count ?? "?"} rows after the restore, the backup ${table.rows}`);
  }
}

/** The restored files take the storage folder's place; whatever was there (with --force) goes. */
async function swapIn(staging: string, filesDir: string) {
  await mkdir(staging, { recursive: true });
  const previous = `${filesDir}.replaced-${randomUUID().slice(0, 8)}`;
  const moved = await rename(filesDir, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  await rename(staging, filesDir);
  if (moved) await rm(previous, { recursive: true, force: true });
}
