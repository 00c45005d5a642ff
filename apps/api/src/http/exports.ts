import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import yazl from "yazl";
import type { Db, SplitVersion } from "@kao/db";
import { frameKeys, type BlobStorage } from "@kao/storage";
import { recordAudit } from "../audit.ts";
import { badInput, unauthenticated } from "../errors.ts";
import { logger } from "../logger.ts";
import { authorizeExport } from "../modules/splits/service/export/authorize-export.ts";
import { exportRows } from "../modules/splits/service/export/export-rows.ts";
import { csvHeader, csvRow, jsonLine, zipPath } from "../modules/splits/service/export/format-rows.ts";
import { requestViewer } from "./request-viewer.ts";
import { sendError } from "./send-error.ts";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8", zip: "application/zip" } as const;
type Format = keyof typeof CONTENT_TYPES;
const isFormat = (value: string | undefined): value is Format => value !== undefined && Object.hasOwn(CONTENT_TYPES, value);

interface ExportOptions {
  db: Db;
  storage: BlobStorage;
  sessionSecret: string;
}

/**
 * `GET /exports/<splitVersionId>.csv | .jsonl | .zip` — a split version's consensus labels (ADMIN and
 * REVIEWER members; same credentials as GraphQL). CSV and JSON Lines stream page by page; the zip is an
 * ImageNet-style tree `split/label/<sha256>.jpg` plus `labels.csv`, its images streamed from storage one
 * at a time. Once the body has started, a failure (a missing image) aborts the connection, so a client
 * never mistakes a truncated export for a complete one.
 */
export function exportHandler(options: ExportOptions) {
  return async (req: Request<{ file: string }>, res: Response) => {
    try {
      const match = /^([^.]+)\.([a-z]+)$/.exec(req.params.file);
      const format = match?.[2];
      if (!match || !isFormat(format)) throw badInput("Ask for /exports/<split version id>.csv, .jsonl or .zip.");
      const id = match[1] ?? "";
      const viewer = await requestViewer(req, options.db, options.sessionSecret);
      if (!viewer) throw unauthenticated();
      const ctx = { db: options.db, viewer, ip: req.ip ?? "unknown" };
      const version = await authorizeExport(ctx, id);
      // Data leaving kao: who took which version, in which form.
      await recordAudit(options.db, ctx, { action: "export.download", targetType: "SplitVersion", targetId: version.id, datasetId: version.datasetId, data: { format } });
      const dataset = await options.db.dataset.findUniqueOrThrow({ where: { id: version.datasetId }, select: { name: true } });
      res.status(200).set({
        "content-type": CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="${fileName(dataset.name, version.name, format)}"`,
        // Labels change until the version is locked (and even then a consensus may be withdrawn).
        "cache-control": "private, no-store",
      });
      if (format === "zip") await sendZip(res, options, version);
      else await pipeline(Readable.from(textPages(options.db, version.id, format)), res);
    } catch (error) {
      if (res.headersSent) logger.error("export aborted", { url: req.originalUrl, error: error instanceof Error ? error.message : String(error) });
      sendError(res, error);
    }
  };
}

async function* textPages(db: Db, splitVersionId: string, format: "csv" | "jsonl") {
  if (format === "csv") yield csvHeader();
  for await (const page of exportRows(db, splitVersionId)) yield page.map((row) => (format === "csv" ? csvRow(row) : jsonLine(row))).join("");
}

async function sendZip(res: Response, options: ExportOptions, version: SplitVersion) {
  const zip = new yazl.ZipFile();
  // yazl's output is a PassThrough (typed as a bare ReadableStream); destroying it fails the pipeline below.
  const output = zip.outputStream as PassThrough;
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  zip.on("error", fail);
  const sent = pipeline(output, res);
  // Fixed times make the same locked version zip to the same bytes.
  const mtime = version.lockedAt ?? version.createdAt;
  // labels.csv must describe exactly the tree, so it is built from the same rows (one line per frame).
  let labels = csvHeader(true);
  try {
    for await (const page of exportRows(options.db, version.id)) {
      for (const row of page) {
        const path = zipPath(row);
        labels += csvRow(row, path);
        // Opened only when the zip reaches the entry: one open file at a time, whatever the size.
        zip.addReadStreamLazy(path, { compress: false, mtime }, (callback) => {
          options.storage.read(frameKeys(version.datasetId, row.sha256).image).then(({ stream }) => {
            stream.once("error", fail); // yazl pipes without listening for errors
            callback(null, stream);
          }, fail);
        });
      }
    }
    zip.addBuffer(Buffer.from(labels, "utf8"), "labels.csv", { mtime });
    zip.end();
  } catch (error) {
    fail(error);
  }
  await sent;
}

/** An ASCII file name for Content-Disposition: `<dataset>-<version>.<ext>`. */
function fileName(dataset: string, version: string, format: Format) {
  const clean = (text: string) => text.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "export";
  return `${clean(dataset)}-${clean(version)}.${format}`;
}
