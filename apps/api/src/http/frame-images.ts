import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import type { Db } from "@kao/db";
import { frameKeys, BlobNotFoundError, type BlobStorage } from "@kao/storage";
import { unauthenticated, notFound } from "../errors.ts";
import { getFrame } from "../modules/frames/service/get-frame.ts";
import { requestViewer } from "./request-viewer.ts";
import { sendError } from "./send-error.ts";

const VARIANTS = { image: "image", display: "display", thumb: "thumbnail" } as const;

/**
 * `GET /frames/:id/:variant` — a frame's JPEG for members of its dataset (and admins), with the same
 * credentials as GraphQL. Frames never change, so browsers may cache them privately.
 */
export function frameImageHandler(options: { db: Db; storage: BlobStorage; sessionSecret: string }) {
  return async (req: Request<{ id: string; variant: string }>, res: Response) => {
    try {
      const variant = VARIANTS[req.params.variant as keyof typeof VARIANTS];
      if (!variant) throw notFound("Image variant");
      const viewer = await requestViewer(req, options.db, options.sessionSecret);
      if (!viewer) throw unauthenticated();
      const frame = await getFrame({ db: options.db, viewer, ip: req.ip ?? "unknown" }, req.params.id);
      const etag = `"${frame.sha256}-${variant}"`;
      if (req.headers["if-none-match"] === etag) {
        res.status(304).end();
        return;
      }
      const { stream, size } = await options.storage.read(frameKeys(frame.datasetId, frame.sha256)[variant]).catch((error: unknown) => {
        if (error instanceof BlobNotFoundError) throw notFound("Frame image");
        throw error;
      });
      res.status(200).set({ "content-type": "image/jpeg", "content-length": String(size), "cache-control": "private, max-age=86400, immutable", etag });
      await pipeline(stream, res);
    } catch (error) {
      sendError(res, error);
    }
  };
}
