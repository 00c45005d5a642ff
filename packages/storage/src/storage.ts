import type { Readable } from "node:stream";

/**
 * Where kao keeps uploads and frame images. Callers use keys (`frames/<dataset>/…/image.jpg`), never
 * paths, so the local folder can be swapped for S3-compatible object storage without touching them.
 */
export interface BlobStorage {
  /** Writes a blob atomically (readers never see half a file); overwriting is allowed. */
  put(key: string, data: Buffer | Readable, options?: { maxBytes?: number }): Promise<{ size: number }>;
  /** Opens a blob for reading; throws BlobNotFoundError when it is missing. */
  read(key: string): Promise<{ stream: Readable; size: number }>;
  /** A local file path for tools that need one (ffmpeg, zip readers); `release` cleans up temp copies. */
  localPath(key: string): Promise<{ path: string; release: () => Promise<void> }>;
  exists(key: string): Promise<boolean>;
  /** Deletes a blob or, with a trailing `/`, everything under a prefix. Missing keys are fine. */
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
    this.name = "BlobNotFoundError";
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than the limit of ${maxBytes} bytes`);
    this.name = "BlobTooLargeError";
  }
}

export class InvalidKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key: ${JSON.stringify(key)}`);
    this.name = "InvalidKeyError";
  }
}

/** Keys are relative, `/`-separated, without `.`/`..` segments: no way out of the storage root. */
export function assertValidKey(key: string) {
  const body = key.endsWith("/") ? key.slice(0, -1) : key;
  const segments = body.split("/");
  if (!body || key.startsWith("/") || key.includes("\\") || key.includes("\0") || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new InvalidKeyError(key);
  }
}
