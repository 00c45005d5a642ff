import busboy from "busboy";
import type { Request, Response } from "express";
import type { Db } from "@kao/db";
import { requireRole } from "../../../access.ts";
import { AppError, ErrorCode, badInput } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import { requestViewer } from "../../../http/request-viewer.ts";
import { sendError } from "../../../http/send-error.ts";
import type { Platform } from "../../../platform.ts";
import { predictImage } from "../service/predict-image.ts";

/** Largest image `POST /predict` takes; frames are a few hundred kilobytes, photos a few megabytes. */
export const MAX_PREDICT_BYTES = 25 * 1024 * 1024;

const tooLarge = () => new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The image is larger than ${MAX_PREDICT_BYTES / 1024 / 1024} MiB.`);

/**
 * `POST /predict?datasetId=…[&runId=…]`: classifies one image with the dataset's published run and
 * answers `{ label, decisionValue, runId, backboneId }`. The body is the image itself (any image
 * content type, or application/octet-stream) or multipart/form-data with one `file` part. Members of
 * the dataset and admins except labellers, by session or API token, like every other endpoint. An HTTP endpoint rather
 * than a GraphQL field: images do not fit GraphQL's 1 MB JSON bodies once base64-encoded.
 */
export function predictImageHandler(options: { db: Db; sessionSecret: string; platform: Platform }) {
  return async (req: Request, res: Response) => {
    try {
      const viewer = await requestViewer(req, options.db, options.sessionSecret);
      const ctx = { db: options.db, viewer, ip: req.ip ?? "unknown", platform: options.platform };
      requireRole(ctx, "VIEWER", "REVIEWER", "ADMIN"); // labellers label blind: no model outputs
      // As for uploads: a cross-site form can post with cookies, but not with a custom header.
      if (!req.headers.authorization && !req.headers["x-kao-upload"]) {
        throw badInput("Cookie-authenticated requests must send the header `x-kao-upload: 1`.");
      }
      const datasetId = assertId(String(req.query["datasetId"] ?? ""), "datasetId");
      const runId = typeof req.query["runId"] === "string" ? assertId(req.query["runId"], "runId") : null;
      const image = await readImage(req);
      res.json(await predictImage(ctx, { datasetId, runId, image }));
    } catch (error) {
      req.resume();
      sendError(res, error);
    }
  };
}

function readImage(req: Request): Promise<Buffer> {
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) return readMultipart(req);
  if (!type.startsWith("image/") && !type.startsWith("application/octet-stream")) {
    return Promise.reject(badInput("Send the image as the body (Content-Type image/…) or as multipart/form-data with a `file` part."));
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_PREDICT_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PREDICT_BYTES) {
        req.removeAllListeners("data");
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => (size === 0 ? reject(badInput("The request has no image.")) : resolve(Buffer.concat(chunks))));
    req.on("error", (error) => reject(badInput(`The upload was cut off: ${error.message}`)));
  });
}

function readMultipart(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_PREDICT_BYTES, fields: 5 } });
    } catch (error) {
      reject(badInput(`Not a valid multipart request: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let image: Buffer | null = null;
    let failure: AppError | null = null;
    parser.on("file", (_field, stream) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (failure = tooLarge()));
      stream.on("end", () => (image = Buffer.concat(chunks)));
    });
    parser.on("error", (error: Error) => reject(badInput(`The upload was cut off or malformed: ${error.message}`)));
    parser.on("close", () => {
      if (failure) reject(failure);
      else if (!image || image.length === 0) reject(badInput("The request has no image: send one `file` part."));
      else resolve(image);
    });
    req.pipe(parser);
  });
}
