import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { detectFileKind, FILE_HEAD_BYTES } from "./detect-file-kind.ts";
import { MediaError } from "./media-error.ts";
import { isIgnoredEntryName, printableEntryName, unsafeEntryNameReason } from "./zip-entry-name.ts";

export type ZipImage = { name: string; data: Buffer };
export type ZipEntryError = { name: string; error: MediaError };

const imageExtensions = new Set([".png", ".jpg", ".jpeg", ".webp"]);

/**
 * Yields the images inside a zip, one at a time, in memory; nothing is ever written to disk.
 *
 * Entries that cannot be imported are yielded as `{ name, error }` so the caller can report them
 * and go on: unsafe names (UNSAFE_PATH), other file types (UNSUPPORTED_TYPE), entries over
 * `maxEntryBytes` (TOO_LARGE), damaged entries (CORRUPT). `__MACOSX/` and dotfiles are skipped
 * silently, and so are directories. Limits on the whole archive throw instead: a damaged central
 * directory (CORRUPT), more than `maxEntries` entries or more than `maxTotalBytes` inflated (TOO_LARGE).
 *
 * Sizes are enforced on the bytes actually inflated, not only on the sizes the archive declares
 * (a zip bomb declares small sizes): yauzl stops an entry that inflates past its declared size, and
 * every inflated byte, kept or not, counts towards `maxTotalBytes`.
 */
export async function* readZipImages(options: {
  path: string;
  maxEntries?: number; // default 10 000
  maxEntryBytes?: number; // default 200 MB (inflated)
  maxTotalBytes?: number; // default 5 GB (inflated, all entries)
}): AsyncGenerator<ZipImage | ZipEntryError, void, undefined> {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxEntryBytes = options.maxEntryBytes ?? 200e6;
  const maxTotalBytes = options.maxTotalBytes ?? 5e9;
  const fileName = path.basename(options.path);

  const zipfile = await openZip({ path: options.path, fileName });
  if (zipfile.entryCount > maxEntries) {
    zipfile.close();
    throw new MediaError("TOO_LARGE", `the archive has ${zipfile.entryCount} entries; the limit is ${maxEntries}`, { fileName });
  }

  let inflatedBytes = 0; // all entries so far, including rejected ones
  const entries = zipfile.eachEntry(); // closes the zip at the end, and on return() when the consumer stops
  try {
    for (;;) {
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        throw corrupt({ error, fileName });
      }
      if (next.done === true) return;
      const entry = next.value;

      // decodeStrings is off (see openZip), so decode the name ourselves, keeping backslashes.
      const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const name = printableEntryName(rawName);
      const unsafe = unsafeEntryNameReason(rawName);
      if (unsafe !== null) {
        yield { name, error: new MediaError("UNSAFE_PATH", `unsafe name in archive: it ${unsafe}; skipped`, { fileName: name }) };
        continue;
      }
      if (rawName.endsWith("/") || isIgnoredEntryName(rawName)) continue;
      if (!imageExtensions.has(path.extname(rawName).toLowerCase())) {
        yield { name, error: new MediaError("UNSUPPORTED_TYPE", "not an image (png, jpg, jpeg or webp); skipped", { fileName: name }) };
        continue;
      }
      if (!entry.canDecodeFileData()) {
        const why = entry.isEncrypted() ? "is encrypted" : `uses compression method ${entry.compressionMethod}`;
        yield { name, error: new MediaError("UNSUPPORTED_TYPE", `the entry ${why}, which cannot be read; skipped`, { fileName: name }) };
        continue;
      }
      if (entry.uncompressedSize > maxEntryBytes) {
        yield { name, error: tooLargeEntry({ name, bytes: entry.uncompressedSize, maxEntryBytes, declared: true }) };
        continue;
      }
      if (inflatedBytes + entry.uncompressedSize > maxTotalBytes) throw tooLargeArchive({ fileName, maxTotalBytes });

      const read = await readEntry({ zipfile, entry, limit: Math.min(maxEntryBytes, maxTotalBytes - inflatedBytes) });
      inflatedBytes += read.inflatedBytes;
      if (read.kind === "over-limit") {
        if (inflatedBytes >= maxTotalBytes) throw tooLargeArchive({ fileName, maxTotalBytes });
        yield { name, error: tooLargeEntry({ name, bytes: read.inflatedBytes, maxEntryBytes, declared: false }) };
        continue;
      }
      if (read.kind === "failed") {
        yield { name, error: new MediaError("CORRUPT", `the entry cannot be inflated (${read.message}); skipped`, { fileName: name, cause: read.cause }) };
        continue;
      }
      try {
        detectFileKind({ fileName: rawName, head: read.data.subarray(0, FILE_HEAD_BYTES) }); // content must match the name
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        yield { name, error: new MediaError(error.code, error.message.slice(`${rawName}: `.length), { fileName: name, cause: error }) };
        continue;
      }
      yield { name, data: read.data };
    }
  } finally {
    await entries.return?.();
  }
}

async function openZip(options: { path: string; fileName: string }): Promise<yauzl.ZipFile> {
  try {
    // decodeStrings: false, or yauzl fails the whole archive on the first unsafe name; we report
    // such entries one by one instead. validateEntrySizes stops entries that inflate past their size.
    return await yauzl.openPromise(options.path, { decodeStrings: false, validateEntrySizes: true, autoClose: true });
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof error.code === "string") throw error; // ENOENT, EACCES: not the archive's fault
    throw corrupt({ error, fileName: options.fileName });
  }
}

type EntryRead =
  | { kind: "ok"; data: Buffer; inflatedBytes: number }
  | { kind: "over-limit"; inflatedBytes: number }
  | { kind: "failed"; message: string; cause: unknown; inflatedBytes: number };

async function readEntry(options: { zipfile: yauzl.ZipFile; entry: yauzl.Entry; limit: number }): Promise<EntryRead> {
  const { zipfile, entry, limit } = options;
  let inflatedBytes = 0;
  let stream: Readable | undefined;
  try {
    stream = await zipfile.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflatedBytes += chunk.length;
      if (inflatedBytes > limit) return { kind: "over-limit", inflatedBytes }; // leaving the loop destroys the stream
      chunks.push(chunk);
    }
    return { kind: "ok", data: Buffer.concat(chunks, inflatedBytes), inflatedBytes };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lie = /too many bytes in the stream/.test(message) ? "it inflates to more bytes than its header declares (a zip bomb?)" : message;
    return { kind: "failed", message: lie, cause: error, inflatedBytes };
  } finally {
    stream?.destroy();
  }
}

function tooLargeEntry(options: { name: string; bytes: number; maxEntryBytes: number; declared: boolean }): MediaError {
  const { name, bytes, maxEntryBytes, declared } = options;
  const size = declared ? `declares ${formatBytes(bytes)}` : `inflates to more than ${formatBytes(maxEntryBytes)}`;
  return new MediaError("TOO_LARGE", `the entry ${size}; the limit is ${formatBytes(maxEntryBytes)} per file; skipped`, { fileName: name });
}

function tooLargeArchive(options: { fileName: string; maxTotalBytes: number }): MediaError {
  return new MediaError("TOO_LARGE", `the archive inflates to more than ${formatBytes(options.maxTotalBytes)}, the limit for one archive`, { fileName: options.fileName });
}

function corrupt(options: { error: unknown; fileName: string }): MediaError {
  const message = options.error instanceof Error ? options.error.message : String(options.error);
  return new MediaError("CORRUPT", `not a readable zip archive (${message})`, { fileName: options.fileName, cause: options.error });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}
