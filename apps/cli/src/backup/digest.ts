import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

const NEWLINE = 0x0a;

/**
 * Passes bytes through while taking their sha256, their size and their newlines: in COPY's text
 * format every row ends with exactly one newline (newlines inside values are escaped), so the
 * newline count is the row count.
 */
export class Digest extends Transform {
  #hash = createHash("sha256");
  bytes = 0;
  newlines = 0;
  #sha256: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) this.newlines++;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    this.#sha256 = this.#hash.digest("hex");
    callback();
  }

  /** The sum, once every byte went through. */
  get sha256(): string {
    if (this.#sha256 === undefined) throw new Error("the digest was read before its stream ended");
    return this.#sha256;
  }
}
