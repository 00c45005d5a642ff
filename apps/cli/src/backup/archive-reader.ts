import type { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import yauzl from "yauzl";
import { BackupArchiveError, MANIFEST_ENTRY, manifestSchema, type BackupManifest } from "./manifest.ts";

export interface BackupArchive {
  file: string;
  manifest: BackupManifest;
  /** The entry's bytes as stored (inflated); throws BackupArchiveError when it is missing. */
  open(entry: string): Promise<Readable>;
  close(): void;
}

/**
 * Opens a backup and reads its manifest. A truncated or damaged zip fails here, before anything is
 * touched: its central directory (at the very end) is gone or does not parse.
 */
export async function openBackupArchive(file: string): Promise<BackupArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, opened) =>
      error ? reject(damaged(file, error)) : resolve(opened),
    ),
  );
  try {
    const entries = await readEntries(file, zip);
    const openEntry = async (name: string) => {
      const entry = entries.get(name);
      if (!entry) throw new BackupArchiveError(`${file} has no entry ${name}: the archive is incomplete`);
      return new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) => (error ? reject(damaged(file, error)) : resolve(stream))),
      );
    };
    const parsed = manifestSchema.safeParse(JSON.parse(await text(await openEntry(MANIFEST_ENTRY)).catch((error: unknown) => {
      throw damaged(file, error);
    })));
    if (!parsed.success) {
      throw new BackupArchiveError(`${file} is not a kao backup this version can read: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    for (const name of [...parsed.data.tables.map((t) => t.entry), ...parsed.data.files.map((f) => f.entry)]) {
      if (!entries.has(name)) throw new BackupArchiveError(`${file} lists ${name} in its manifest but does not contain it: the archive is incomplete`);
    }
    return { file, manifest: parsed.data, open: openEntry, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function readEntries(file: string, zip: yauzl.ZipFile) {
  return new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: unknown) => reject(damaged(file, error)));
    zip.readEntry();
  });
}

function damaged(file: string, cause: unknown) {
  if (cause instanceof BackupArchiveError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new BackupArchiveError(`${file} is not a complete kao backup (truncated or damaged?): ${reason}`);
}
