import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { Transform } from "node:stream";
import busboy from "busboy";
import type { Request, Response } from "express";
import type { Db } from "@kao/db";
import { MediaError, detectFileKind } from "@kao/media";
import { BlobTooLargeError, uploadKey, type BlobStorage } from "@kao/storage";
import { requireAdmin } from "../access.ts";
import { AppError, ErrorCode, badInput, notFound } from "../errors.ts";
import { assertId } from "../ids.ts";
import { requestViewer } from "./request-viewer.ts";
import { sendError } from "./send-error.ts";

const HEAD_BYTES = 4100;
const MAX_FILES_PER_REQUEST = 1000;

interface UploadOptions {
  db: Db;
  storage: BlobStorage;
  sessionSecret: string;
  maxUploadBytes: number;
}

interface Accepted {
  id: string;
  fileName: string;
  size: number;
  kind: "IMAGE" | "VIDEO" | "ZIP";
}
interface Rejected {
  fileName: string;
  code: string;
  message: string;
}

/**
 * `POST /uploads?datasetId=…` (multipart/form-data, any number of `file` parts; admins only).
 * Each file streams to storage (never held in memory), is hashed and sniffed on the way, and becomes
 * an Upload row that `createImport` turns into frames. Bad files are refused one by one; the rest stay.
 */
export function uploadHandler(options: UploadOptions) {
  return async (req: Request, res: Response) => {
    try {
      const viewer = await requestViewer(req, options.db, options.sessionSecret);
      const ctx = { db: options.db, viewer, ip: req.ip ?? "unknown" };
      requireAdmin(ctx);
      // Browsers send cookies on cross-site form posts; a custom header cannot be sent without a CORS preflight.
      if (!req.headers.authorization && !req.headers["x-kao-upload"]) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, "Cookie-authenticated uploads must send the header `x-kao-upload: 1`.");
      }
      const datasetId = assertId(String(req.query["datasetId"] ?? ""), "datasetId");
      if (!(await options.db.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) throw notFound("Dataset");
      if (!req.headers["content-type"]?.startsWith("multipart/form-data")) throw badInput("Send files as multipart/form-data.");

      const { accepted, rejected } = await receiveFiles(req, options, datasetId, viewer?.id ?? null);
      if (!accepted.length && !rejected.length) throw badInput("The request has no files: send each as a `file` part.");
      res.status(accepted.length ? 201 : 400).json({ uploads: accepted, errors: rejected });
    } catch (error) {
      req.resume();
      sendError(res, error);
    }
  };
}

function receiveFiles(req: Request, options: UploadOptions, datasetId: string, userId: string | null) {
  return new Promise<{ accepted: Accepted[]; rejected: Rejected[] }>((resolve, reject) => {
    const accepted: Accepted[] = [];
    const rejected: Rejected[] = [];
    const pending: Promise<void>[] = [];
    let parser: busboy.Busboy;
    try {
      // One byte over the limit is enough to know a file is too large; storage refuses it.
      // Browsers send file names as raw UTF-8; busboy's default (Latin-1) would garble 進撃の巨人 into mojibake.
      parser = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { fileSize: options.maxUploadBytes + 1, files: MAX_FILES_PER_REQUEST, fields: 20 } });
    } catch (error) {
      reject(badInput(`Not a valid multipart request: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    parser.on("file", (_field, stream, info) => {
      const fileName = cleanFileName(info.filename);
      const stored = storeOne(options, datasetId, userId, fileName, stream).then(
        (upload) => void accepted.push(upload),
        (error: unknown) => {
          stream.resume();
          rejected.push(describeRejection(fileName, error, options.maxUploadBytes));
        },
      );
      // An unexpected failure is answered once the request is read (Promise.all below); until then it
      // must not count as an unhandled rejection, which would take the whole process down.
      stored.catch(() => undefined);
      pending.push(stored);
    });
    parser.on("filesLimit", () => rejected.push({ fileName: "", code: "TOO_MANY_FILES", message: `At most ${MAX_FILES_PER_REQUEST} files per request.` }));
    parser.on("error", (error: Error) => reject(badInput(`The upload was cut off or malformed: ${error.message}`)));
    parser.on("close", () => {
      Promise.all(pending).then(() => resolve({ accepted, rejected }), reject);
    });
    // A client that goes away mid-file: stop the parser, which fails the file being written (its
    // temporary file is removed) instead of leaving it open and half-written forever.
    req.on("close", () => {
      if (!req.complete) parser.destroy(new Error("the connection closed before the upload was complete"));
    });
    req.pipe(parser);
  });
}

async function storeOne(options: UploadOptions, datasetId: string, userId: string | null, fileName: string, stream: NodeJS.ReadableStream): Promise<Accepted> {
  const id = randomUUID();
  const key = uploadKey(datasetId, id);
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let headLength = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      callback(null, chunk);
    },
  });
  stream.on("error", (error: Error) => tap.destroy(error)); // pipe() does not pass errors on
  stream.pipe(tap);
  const { size } = await options.storage.put(key, tap, { maxBytes: options.maxUploadBytes });
  try {
    const kind = detectFileKind({ fileName, head: Buffer.concat(head) });
    await options.db.upload.create({
      data: { id, datasetId, userId, fileName, kind: kind === "image" ? "IMAGE" : kind === "video" ? "VIDEO" : "ZIP", size: BigInt(size), sha256: hash.digest("hex"), storageKey: key },
    });
    return { id, fileName, size, kind: kind === "image" ? "IMAGE" : kind === "video" ? "VIDEO" : "ZIP" };
  } catch (error) {
    await options.storage.delete(key);
    throw error;
  }
}

function describeRejection(fileName: string, error: unknown, maxBytes: number): Rejected {
  if (error instanceof BlobTooLargeError) return { fileName, code: "TOO_LARGE", message: `${fileName}: larger than the upload limit of ${formatBytes(maxBytes)}.` };
  if (error instanceof MediaError) return { fileName, code: error.code, message: error.message };
  if (error instanceof Error && "code" in error && error.code === "ENOSPC") {
    return { fileName, code: "STORAGE_FULL", message: `${fileName}: the server's storage is full; nothing was kept. Free space, then upload again.` };
  }
  throw error;
}

/** Browsers send a base name; other clients may send paths. Keep the base name, printable, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = path.posix.basename(path.win32.basename(name ?? "")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  // "." and ".." are base names too, but name folders: never a file's name (other handlers key storage by it).
  return (base === "." || base === ".." || !base ? "unnamed" : base).slice(0, 255);
}

function formatBytes(bytes: number) {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : `${Math.round(bytes / (1 << 20))} MiB`;
}
