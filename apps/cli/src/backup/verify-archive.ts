import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BackupArchive } from "./archive-reader.ts";
import { Digest } from "./digest.ts";
import { BackupArchiveError } from "./manifest.ts";

/** Reads every entry of a backup and checks it against the manifest: size, sha256 and, for tables, rows. */
export async function verifyBackupArchive(archive: BackupArchive, log: (line: string) => void = () => {}) {
  const { manifest } = archive;
  for (const table of manifest.tables) {
    const digest = await readEntry(archive, table.entry);
    assertEntryMatches(archive.file, table.entry, digest, table);
    if (digest.newlines !== table.rows) {
      throw new BackupArchiveError(`${archive.file}: ${table.entry} has ${digest.newlines} rows, the manifest says ${table.rows}: the archive is damaged`);
    }
  }
  for (const file of manifest.files) assertEntryMatches(archive.file, file.entry, await readEntry(archive, file.entry), file);
  log(`checked ${manifest.tables.length} tables and ${manifest.files.length} files against the manifest`);
}

export function assertEntryMatches(file: string, entry: string, digest: Digest, expected: { bytes: number; sha256: string }) {
  if (digest.bytes !== expected.bytes || digest.sha256 !== expected.sha256) {
    throw new BackupArchiveError(`${file}: ${entry} does not match its size or sha256 in the manifest: the archive is damaged`);
  }
}

async function readEntry(archive: BackupArchive, entry: string) {
  const digest = new Digest();
  const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  await pipeline(await archive.open(entry), digest, discard).catch((error: unknown) => {
    if (error instanceof BackupArchiveError) throw error;
    throw new BackupArchiveError(`${archive.file}: ${entry} cannot be read (${error instanceof Error ? error.message : String(error)}): the archive is damaged`);
  });
  return digest;
}
