import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BlobNotFoundError, BlobTooLargeError, assertValidKey, type BlobStorage } from "./storage.ts";

/** Blobs as files under one folder (default `$KAO_DATA_DIR/files`). */
export function createLocalStorage(options: { root: string }): BlobStorage {
  const root = path.resolve(options.root);
  const resolve = (key: string) => {
    assertValidKey(key);
    return path.join(root, ...key.split("/").filter(Boolean));
  };

  return {
    async put(key, data, { maxBytes } = {}) {
      const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
      // The pipeline below listens for the source's errors only after mkdir; an upload cut off before
      // then would emit 'error' unheard and crash the process. pipeline() still fails with that error.
      source.on("error", () => undefined);
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside the target and rename: a crash leaves a stray temp file, never a truncated blob.
      const temp = `${target}.${randomUUID()}.partial`;
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (maxBytes !== undefined && size > maxBytes) callback(new BlobTooLargeError(maxBytes));
          else callback(null, chunk);
        },
      });
      const output = createWriteStream(temp);
      try {
        await pipeline(source, counter, output);
        await rename(temp, target);
      } catch (error) {
        // A source that failed at once fails the pipeline before the file is even open: wait for it to be
        // opened and closed, or the removal would run first and the file would appear after it.
        if (!output.closed) await new Promise<void>((done) => output.once("close", () => done()));
        await rm(temp, { force: true });
        throw error;
      }
      return { size };
    },
    async read(key) {
      const file = resolve(key);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new BlobNotFoundError(key);
      return { stream: createReadStream(file), size: info.size };
    },
    async localPath(key) {
      const file = resolve(key);
      if (!(await stat(file).catch(() => undefined))?.isFile()) throw new BlobNotFoundError(key);
      return { path: file, release: async () => {} };
    },
    async exists(key) {
      return Boolean((await stat(resolve(key)).catch(() => undefined))?.isFile());
    },
    async delete(key) {
      await rm(resolve(key), { recursive: key.endsWith("/"), force: true });
    },
  };
}
