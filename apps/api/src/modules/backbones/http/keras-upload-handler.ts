import { randomUUID } from "node:crypto";
import busboy from "busboy";
import type { Request, Response } from "express";
import type { Db } from "@kao/db";
import { BlobTooLargeError, type BlobStorage } from "@kao/storage";
import { requireAdmin } from "../../../access.ts";
import { AppError, ErrorCode, badInput } from "../../../errors.ts";
import { requestViewer } from "../../../http/request-viewer.ts";
import { sendError } from "../../../http/send-error.ts";
import { cleanFileName } from "../../../http/uploads.ts";
import { logger } from "../../../logger.ts";
import type { Platform } from "../../../platform.ts";
import { startKerasImport } from "../service/start-keras-import.ts";

/** A layers model is model.json plus its shards; InceptionV3 has two dozen. */
const MAX_FILES = 200;

/**
 * `POST /backbones/keras` (multipart/form-data; admins): a Keras / TF.js layers model to convert into
 * a backbone. Form fields `name`, `tap`, and optionally `pooling`, `scale`, `offset`, `channelOrder`,
 * `width`, `height`; `file` parts model.json and its weight shards. The files stream to storage, a
 * DOWNLOAD job converts them (poll `backboneJob(id)`); answers 201 `{ job: { id } }`. An HTTP endpoint,
 * like `/uploads`, because weights are far larger than a GraphQL body.
 */
export function kerasUploadHandler(options: { db: Db; sessionSecret: string; platform: Platform; maxUploadBytes: number }) {
  return async (req: Request, res: Response) => {
    const jobId = randomUUID();
    const storagePrefix = `model-uploads/${jobId}/`;
    try {
      const viewer = await requestViewer(req, options.db, options.sessionSecret);
      const ctx = { db: options.db, viewer, ip: req.ip ?? "unknown", platform: options.platform };
      requireAdmin(ctx);
      // As for uploads: a cross-site form can post with cookies, but not with a custom header.
      if (!req.headers.authorization && !req.headers["x-kao-upload"]) throw badInput("Cookie-authenticated uploads must send the header `x-kao-upload: 1`.");
      if (!req.headers["content-type"]?.startsWith("multipart/form-data")) throw badInput("Send the model as multipart/form-data.");
      const { fields, files } = await receiveModel(req, options.platform.storage, storagePrefix, options.maxUploadBytes);
      const job = await startKerasImport(ctx, { jobId, storagePrefix, files, fields });
      res.status(201).json({ job: { id: job.id } });
    } catch (error) {
      req.resume();
      await options.platform.storage.delete(storagePrefix).catch((cleanup: unknown) => logger.error("could not remove a refused model upload", { storagePrefix, message: String(cleanup) }));
      sendError(res, error instanceof BlobTooLargeError ? new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `A file is larger than the upload limit of ${options.maxUploadBytes} bytes.`) : error);
    }
  };
}

function receiveModel(req: Request, storage: BlobStorage, prefix: string, maxBytes: number) {
  return new Promise<{ fields: Record<string, string>; files: string[] }>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: string[] = [];
    const pending: Promise<unknown>[] = [];
    // Failures are answered once the request is read (Promise.all below); until then they must not
    // count as unhandled rejections, which would take the whole process down.
    const track = (promise: Promise<unknown>) => {
      promise.catch(() => undefined);
      pending.push(promise);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1, files: MAX_FILES, fields: 20, fieldSize: 10_000 } });
    } catch (error) {
      reject(badInput(`Not a valid multipart request: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (_field, stream, info) => {
      const name = cleanFileName(info.filename);
      if (files.includes(name)) {
        stream.resume();
        track(Promise.reject(badInput(`Two files are named ${name}.`)));
        return;
      }
      files.push(name);
      track(storage.put(`${prefix}${name}`, stream, { maxBytes }));
    });
    parser.on("filesLimit", () => track(Promise.reject(badInput(`At most ${MAX_FILES} files per model.`))));
    // Answer only once every file write has settled, so the caller's cleanup cannot race a write still
    // creating its file (which would be left behind).
    const settled = () => Promise.allSettled(pending).then((results) => results.find((result) => result.status === "rejected"));
    parser.on("error", (error: Error) => {
      const refusal = badInput(`The upload was cut off or malformed: ${error.message}`);
      void settled().then(() => reject(refusal));
    });
    parser.on("close", () => {
      void settled().then((failure) => (failure ? reject(failure.reason) : resolve({ fields, files })));
    });
    req.on("close", () => {
      if (!req.complete) parser.destroy(new Error("the connection closed before the upload was complete"));
    });
    req.pipe(parser);
  });
}
