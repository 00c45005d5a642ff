import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hashFile } from "./hash-file.ts";

export interface DownloadProgress {
  bytes: number;
  /** From Content-Length or the catalog; null when neither says. */
  totalBytes: number | null;
}

/** Thrown when a model cannot be fetched: no network, a refused address, an HTTP error or a wrong checksum. */
export class ModelDownloadError extends Error {
  override name = "ModelDownloadError";
}

/**
 * Fetches `url` into `cacheDir/fileName` unless a file with the expected sha256 is already there.
 * The body goes to a temporary file that is renamed only after its checksum matched, so an interrupted
 * or tampered download never looks like a cached model.
 */
export async function downloadModel(options: {
  url: string;
  sha256: string;
  fileName: string;
  cacheDir: string;
  sizeBytes?: number;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}): Promise<{ path: string; downloaded: boolean }> {
  const target = path.join(options.cacheDir, options.fileName);
  if ((await exists(target)) && (await hashFile(target)) === options.sha256) return { path: target, downloaded: false };

  await mkdir(options.cacheDir, { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  let response: Response;
  try {
    response = await fetch(options.url, { signal: options.signal ?? null, redirect: "follow" });
  } catch (error) {
    throw new ModelDownloadError(
      `could not download ${options.fileName} from ${options.url}: ${describe(error)}. ` +
        `This machine may be offline: copy the file to ${target} (sha256 ${options.sha256}) or register a local ONNX file instead.`,
    );
  }
  if (!response.ok || !response.body) {
    throw new ModelDownloadError(`could not download ${options.fileName}: ${options.url} answered HTTP ${response.status}`);
  }
  const length = Number(response.headers.get("content-length"));
  const totalBytes = Number.isFinite(length) && length > 0 ? length : (options.sizeBytes ?? null);
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      options.onProgress?.({ bytes, totalBytes });
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(partial));
    const actual = hash.digest("hex");
    if (actual !== options.sha256) {
      throw new ModelDownloadError(`${options.fileName} from ${options.url} has sha256 ${actual}, expected ${options.sha256}; the file was not kept`);
    }
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof ModelDownloadError) throw error;
    throw new ModelDownloadError(`downloading ${options.fileName} from ${options.url} failed after ${bytes} bytes: ${describe(error)}`);
  }
  return { path: target, downloaded: true };
}

const exists = (file: string) => stat(file).then(() => true, () => false);
const describe = (error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
};
