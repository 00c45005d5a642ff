import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import yazl from "yazl";
import { Digest } from "./digest.ts";
import { fileEntry, MANIFEST_ENTRY, tableEntry, type BackupManifest } from "./manifest.ts";
import { appliedMigrations, COPY_SESSION_SETTINGS, listSequences, listTables, quoteIdent } from "./tables.ts";

const rootPackage = fileURLToPath(new URL("../../../../package.json", import.meta.url));

/**
 * Writes one zip: every table of kao's schema as COPY text, from ONE repeatable-read snapshot (the
 * backup is consistent while kao keeps running), then the frame storage folder, then a manifest
 * with the migration level, row counts and the sha256 of every entry.
 *
 * pg-boss's `pgboss` schema is left out on purpose: it is pg-boss's own, versioned by pg-boss and
 * recreated at start, and each message in it only points at a kao `Job` row, which is in the
 * backup. Restore queues unfinished jobs again from those rows.
 *
 * Frame files are written before their rows are committed (apps/worker frame-writer), and the file
 * listing starts after the snapshot, so every frame in the snapshot has its files in the archive.
 */
export async function createBackup(options: {
  connectionString: string;
  /** The folder of frame storage and uploads (`$KAO_DATA_DIR/files`). */
  filesDir: string;
  out: string;
  log?: (line: string) => void;
}): Promise<{ file: string; manifest: BackupManifest }> {
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);
  await mkdir(path.dirname(out), { recursive: true });
  // Named `.partial` until complete, so a crash never leaves something that looks like a backup.
  const partial = `${out}.partial`;
  const zip = new yazl.ZipFile();
  const output = createWriteStream(partial);
  const written = pipeline(zip.outputStream, output);
  const failed = new Promise<never>((_, reject) => {
    zip.on("error", reject);
    written.catch(reject);
  });
  // Observed through orFail below; this only keeps a failure between two steps from being "unhandled".
  failed.catch(() => undefined);
  // Every wait below races this, so a full disk stops the backup instead of stalling it.
  const orFail = <T>(step: Promise<T>) => Promise.race([step, failed]);
  const mtime = new Date();
  const add = async (source: Readable, entry: string, compress: boolean) => {
    const digest = new Digest();
    zip.addReadStream(digest, entry, { compress, mtime });
    await orFail(pipeline(source, digest));
    return digest;
  };

  const client = new pg.Client({ connectionString: options.connectionString, application_name: "kao-backup" });
  await client.connect();
  try {
    await client.query(COPY_SESSION_SETTINGS);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) throw new Error("the database has no kao schema (no applied migrations): nothing to back up");
    const tables = await listTables(client);
    const manifestTables: BackupManifest["tables"] = [];
    for (const table of tables) {
      const entry = tableEntry(table.name);
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) TO STDOUT`));
      const digest = await add(copy, entry, true);
      if (digest.newlines !== copy.rowCount) throw new Error(`COPY of ${table.name} sent ${copy.rowCount} rows in ${digest.newlines} lines`);
      manifestTables.push({ name: table.name, columns: table.columns, rows: digest.newlines, entry, bytes: digest.bytes, sha256: digest.sha256 });
      log(`  ${table.name}: ${digest.newlines} rows`);
    }
    const sequences = await listSequences(client);
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    await client.query("COMMIT");

    const files: BackupManifest["files"] = [];
    const skippedFiles: BackupManifest["skippedFiles"] = [];
    for (const key of await listStorageKeys(options.filesDir)) {
      const handle = await open(path.join(options.filesDir, ...key.split("/"))).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (!handle) {
        skippedFiles.push({ key, reason: "deleted while the backup ran" });
        continue;
      }
      const entry = fileEntry(key);
      // JPEGs and videos are compressed already: storing them is as small and much faster.
      const digest = await add(handle.createReadStream(), entry, false);
      files.push({ key, entry, bytes: digest.bytes, sha256: digest.sha256 });
    }
    log(`  frame storage: ${files.length} files`);

    const manifest: BackupManifest = {
      format: "kao-backup",
      formatVersion: 1,
      createdAt: mtime.toISOString(),
      kao: { version: await kaoVersion() },
      postgres: { serverVersion: version[0]?.server_version ?? "unknown" },
      migrations,
      tables: manifestTables,
      sequences,
      files,
      skippedFiles,
    };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_ENTRY, { mtime });
    zip.end();
    await orFail(written);
    await rename(partial, out);
    return { file: out, manifest };
  } catch (error) {
    output.destroy();
    await written.catch(() => undefined); // its error, if any, is the one being thrown (or caused it)
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** Storage keys of every complete file under the folder (`.partial` files are writes in progress). */
export async function listStorageKeys(filesDir: string): Promise<string[]> {
  const entries = await readdir(filesDir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".partial"))
    .map((entry) => path.relative(filesDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

async function kaoVersion(): Promise<string | null> {
  const parsed: unknown = JSON.parse(await readFile(rootPackage, "utf8"));
  return typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string" ? parsed.version : null;
}
