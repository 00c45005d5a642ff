export type MediaErrorCode =
  | "UNSUPPORTED_TYPE" // not a format we import (or the content does not match the name)
  | "EMPTY_FILE" // zero bytes
  | "CORRUPT" // a known format that cannot be read
  | "TOO_MANY_PIXELS" // decoded size over the pixel limit (decompression bombs)
  | "NO_VIDEO_STREAM" // a container without a video track (audio only)
  | "UNSAFE_PATH" // a zip entry whose name could escape the extraction folder
  | "TOO_LARGE" // over a byte or entry-count limit (zip bombs)
  | "FFMPEG_FAILED"; // ffmpeg/ffprobe missing, or exited with an error

/**
 * The one error type of @kao/media. `message` is meant for people (it starts with the file name
 * when one is known, e.g. "ep1.mp4: no video stream (audio only?)"); `code` is meant for code.
 */
export class MediaError extends Error {
  override readonly name = "MediaError";
  readonly code: MediaErrorCode;
  readonly fileName: string | undefined;

  constructor(code: MediaErrorCode, message: string, options: { fileName?: string | undefined; cause?: unknown } = {}) {
    super(options.fileName === undefined ? message : `${options.fileName}: ${message}`, { cause: options.cause });
    this.code = code;
    this.fileName = options.fileName;
  }
}

export function isMediaError(error: unknown, code?: MediaErrorCode): error is MediaError {
  return error instanceof MediaError && (code === undefined || error.code === code);
}
