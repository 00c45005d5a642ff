/** Label files for `importLabels`, as the browser reads them before sending their text. */

export type LabelFileFormat = "CSV" | "JSONL";

export const LABEL_FILE_ACCEPT = ".csv,.jsonl,.ndjson,.json,.txt,text/csv,application/x-ndjson,application/json,text/plain";

/**
 * The format of a label file: by its extension when it has a telling one, else by its first
 * non-blank character (JSON Lines start each line with `{`; kao's CSV starts with its header).
 */
export function detectLabelFormat(text: string, fileName?: string | null): LabelFileFormat {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === "csv") return "CSV";
  if (extension === "jsonl" || extension === "ndjson" || extension === "json") return "JSONL";
  return text.trimStart().startsWith("{") ? "JSONL" : "CSV";
}

/**
 * The API refuses GraphQL bodies over KAO_MAX_BODY_BYTES (1 MB by default); the text travels inside
 * JSON, so a file a little under that may still be refused. Past this, the panel warns before sending.
 */
export const LABEL_FILE_WARN_BYTES = 950_000;

/** The text's size in UTF-8 bytes, as it will travel. */
export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
