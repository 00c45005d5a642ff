/**
 * Choosing and batching files for `POST /uploads` (pure; the browser code lives in upload-client.ts).
 * The API sniffs every file's content anyway; these checks only spare obviously wrong files the trip.
 */

export type UploadKind = "IMAGE" | "VIDEO" | "ZIP";

const KIND_BY_EXTENSION: Readonly<Record<string, UploadKind>> = {
  mp4: "VIDEO",
  mkv: "VIDEO",
  webm: "VIDEO",
  avi: "VIDEO",
  mov: "VIDEO",
  png: "IMAGE",
  jpg: "IMAGE",
  jpeg: "IMAGE",
  webp: "IMAGE",
  zip: "ZIP",
};

/** For `<input accept>`: the extensions the API imports. */
export const ACCEPTED_EXTENSIONS = Object.keys(KIND_BY_EXTENSION).map((extension) => `.${extension}`);

/** What a file will be imported as, by its extension; null when kao does not import it. */
export function uploadKind(fileName: string): UploadKind | null {
  const dot = fileName.lastIndexOf(".");
  if (dot < 0) return null;
  return KIND_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? null;
}

/** The part of a File this module needs (tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  lastModified?: number;
  /** Set by folder pickers and folder drops: `season1/ep01.mkv`. */
  webkitRelativePath?: string;
}

export const filePath = (file: FileLike) => file.webkitRelativePath || file.name;

/** Same file picked twice (by path, size and date) counts once. */
export const fileKey = (file: FileLike) => `${filePath(file)}\u0000${file.size}\u0000${file.lastModified ?? 0}`;

const byPath = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * Adds newly picked files to a selection: importable files join it (once each, in natural path
 * order, so ep2 comes before ep10); hidden files (`.DS_Store`, macOS `._x.mp4`) and other types are
 * returned as skipped.
 */
export function addToSelection<T extends FileLike>(selection: readonly T[], picked: readonly T[]): { selection: T[]; skipped: T[] } {
  const keys = new Set(selection.map(fileKey));
  const next = [...selection];
  const skipped: T[] = [];
  for (const file of picked) {
    if (file.name.startsWith(".") || !uploadKind(file.name)) {
      skipped.push(file);
      continue;
    }
    const key = fileKey(file);
    if (keys.has(key)) continue;
    keys.add(key);
    next.push(file);
  }
  next.sort((a, b) => byPath.compare(filePath(a), filePath(b)));
  return { selection: next, skipped };
}

export interface BatchLimits {
  maxFiles: number;
  maxBytes: number;
}

/** One request stays small enough to retry and to show progress per batch: ≤ 20 files, ≤ 200 MB. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxFiles: 20, maxBytes: 200 * 1024 * 1024 };

/**
 * Splits files, in order, into upload requests of at most `maxFiles` files and `maxBytes` bytes.
 * A file bigger than `maxBytes` travels alone (the API decides whether it is too large).
 */
export function planUploadBatches<T extends { size: number }>(files: readonly T[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= limits.maxFiles || bytes + file.size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** What became of one chosen file: stored (with the id createImport takes) or refused, and why. */
export type UploadOutcome = { state: "uploaded"; uploadId: string } | { state: "refused"; reason: string };

/**
 * Pairs the API's answer to one request with the files sent in it, keyed by fileKey: by file name
 * first (the API answers in completion order), then any left over in order (a name the API cleaned).
 */
export function matchUploadAnswers<T extends FileLike>(
  batch: readonly T[],
  answer: { uploads: { id: string; fileName: string }[]; errors: { fileName: string; message: string }[] },
): Record<string, UploadOutcome> {
  const answers = [
    ...answer.uploads.map((upload) => ({ fileName: upload.fileName, outcome: { state: "uploaded", uploadId: upload.id } as UploadOutcome })),
    ...answer.errors.map((error) => ({ fileName: error.fileName, outcome: { state: "refused", reason: rejectionReason(error.fileName, error.message) } as UploadOutcome })),
  ];
  const open = [...batch];
  const unmatched: typeof answers = [];
  const result: Record<string, UploadOutcome> = {};
  for (const item of answers) {
    const index = open.findIndex((file) => file.name === item.fileName);
    const file = index >= 0 ? open.splice(index, 1)[0] : undefined;
    if (file) result[fileKey(file)] = item.outcome;
    else unmatched.push(item);
  }
  unmatched.forEach((item, index) => {
    const file = open[index];
    if (file) result[fileKey(file)] = item.outcome;
  });
  return result;
}

/** The API's messages usually start with the file name; the list shows the name already. */
export function rejectionReason(fileName: string, message: string): string {
  const prefix = `${fileName}: `;
  const reason = fileName && message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : "Refused.";
}
