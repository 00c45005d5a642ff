import type { ExportRow } from "./export-rows.ts";

/** Columns of CSV exports (and, after `path`, of a zip's labels.csv). importLabels reads `sha256` and `label`. */
export const EXPORT_COLUMNS = ["frame_id", "sha256", "label", "split", "title", "distinct", "scene_id", "video_id", "video", "episode", "timestamp_ms", "source_name"] as const;

const values = (row: ExportRow) => [
  row.frameId,
  row.sha256,
  row.label,
  row.split,
  row.title,
  row.distinct ? "true" : "false",
  row.sceneId ?? "",
  row.videoId ?? "",
  row.video ?? "",
  row.episode ?? "",
  row.timestampMs === null ? "" : String(row.timestampMs),
  row.sourceName,
];

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One RFC 4180 record, CRLF-terminated. */
export const csvRecord = (fields: readonly string[]) => `${fields.map(csvField).join(",")}\r\n`;

export const csvHeader = (withPath = false) => csvRecord(withPath ? ["path", ...EXPORT_COLUMNS] : [...EXPORT_COLUMNS]);
export const csvRow = (row: ExportRow, path?: string) => csvRecord(path === undefined ? values(row) : [path, ...values(row)]);

export function jsonLine(row: ExportRow): string {
  return `${JSON.stringify({
    frameId: row.frameId,
    sha256: row.sha256,
    label: row.label,
    split: row.split,
    title: row.title,
    distinct: row.distinct,
    sceneId: row.sceneId,
    videoId: row.videoId,
    video: row.video,
    episode: row.episode,
    timestampMs: row.timestampMs,
    sourceName: row.sourceName,
  })}\n`;
}

/** ImageNet-style place of a frame in a zip export: `train/face/<sha256>.jpg`. */
export const zipPath = (row: ExportRow) => `${row.split.toLowerCase()}/${row.label.toLowerCase()}/${row.sha256}.jpg`;
