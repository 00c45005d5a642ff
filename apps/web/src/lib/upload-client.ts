import type { GraphQLErrorBody } from "./graphql-errors";
import type { UploadKind } from "./upload-files";

/** A file the API stored; `createImport` takes its id. */
export interface AcceptedUpload {
  id: string;
  fileName: string;
  size: number;
  kind: UploadKind;
}

/** A file the API refused (EMPTY_FILE, UNSUPPORTED_TYPE, TOO_LARGE, …); the others in its request stay. */
export interface RejectedUpload {
  fileName: string;
  code: string;
  message: string;
}

export interface UploadResult {
  uploads: AcceptedUpload[];
  errors: RejectedUpload[];
}

/** The request as a whole failed (no session, not an admin, no such dataset, network, …). */
export class UploadRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadRequestError";
  }
}

/**
 * Sends one batch of files to the same-origin `/uploads` proxy. XMLHttpRequest rather than fetch, for
 * its upload progress events. Resolves with the API's per-file outcome; rejects with
 * UploadRequestError, or a DOMException named AbortError when `signal` aborts.
 */
export function uploadFiles(options: {
  datasetId: string;
  files: readonly File[];
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}): Promise<UploadResult> {
  const { datasetId, files, onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("The upload was stopped.", "AbortError"));
      return;
    }
    const form = new FormData();
    for (const file of files) form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/uploads?${new URLSearchParams({ datasetId })}`);
    xhr.setRequestHeader("x-kao-upload", "1");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    xhr.onabort = () => {
      done();
      reject(new DOMException("The upload was stopped.", "AbortError"));
    };
    xhr.onerror = () => {
      done();
      reject(new UploadRequestError("The upload was interrupted. Check your connection and try again.", "API_UNAVAILABLE", 0));
    };
    xhr.onload = () => {
      done();
      const body = parse(xhr.responseText);
      if (body && Array.isArray(body.uploads)) {
        resolve({ uploads: body.uploads, errors: Array.isArray(body.errors) ? (body.errors as RejectedUpload[]) : [] });
        return;
      }
      const first = (body?.errors as GraphQLErrorBody[] | undefined)?.[0];
      const code = first?.extensions?.code ?? (xhr.status === 413 ? "PAYLOAD_TOO_LARGE" : "INTERNAL_SERVER_ERROR");
      if (code === "UNAUTHENTICATED") window.location.assign("/signin?error=SessionRequired");
      const message =
        first?.message ??
        (xhr.status === 413 ? "The server refused a request this large (HTTP 413)." : `The upload failed (HTTP ${xhr.status}). Try again in a moment.`);
      reject(new UploadRequestError(message, code, xhr.status));
    };
    xhr.send(form);
  });
}

function parse(text: string): { uploads?: AcceptedUpload[]; errors?: unknown[] } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as { uploads?: AcceptedUpload[]; errors?: unknown[] }) : null;
  } catch {
    return null;
  }
}
