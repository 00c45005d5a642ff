import type { SplitLabel } from "../splitter/split-frames.ts";
import { parseCsv } from "./parse-csv.ts";

export type LabelFileFormat = "CSV" | "JSONL";

export interface LabelLine {
  line: number;
  sha256: string;
  label: SplitLabel;
}

export interface LineProblem {
  line: number;
  sha256?: string;
  message: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Reads `sha256` and `label` from each record of a CSV (with a header naming those columns; others,
 * like the rest of kao's export, are ignored) or JSON Lines text. Every unreadable line is reported.
 */
export function parseLabelFile(text: string, format: LabelFileFormat): { lines: LabelLine[]; problems: LineProblem[] } {
  return format === "CSV" ? parseCsvLabels(text) : parseJsonLabels(text);
}

function parseCsvLabels(text: string) {
  const lines: LabelLine[] = [];
  const problems: LineProblem[] = [];
  const { records, error } = parseCsv(text);
  if (error) return { lines, problems: [error] };
  const [header, ...rows] = records;
  if (!header) return { lines, problems: [{ line: 1, message: "The file is empty." }] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const shaAt = names.indexOf("sha256");
  const labelAt = names.indexOf("label");
  if (shaAt < 0 || labelAt < 0) {
    return { lines, problems: [{ line: header.line, message: `The header must name a \`sha256\` and a \`label\` column (it has: ${names.join(", ") || "nothing"}).` }] };
  }
  for (const row of rows) collect(row.line, row.fields[shaAt], row.fields[labelAt], lines, problems);
  return { lines, problems };
}

function parseJsonLabels(text: string) {
  const lines: LabelLine[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line: index + 1, message: `Not valid JSON (${error instanceof Error ? error.message : String(error)}).` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push({ line: index + 1, message: "Each line must be a JSON object with `sha256` and `label`." });
      return;
    }
    const record = value as Record<string, unknown>;
    collect(index + 1, asText(record["sha256"]), asText(record["label"]), lines, problems);
  });
  return { lines, problems };
}

const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

function collect(line: number, rawSha: string | undefined, rawLabel: string | undefined, lines: LabelLine[], problems: LineProblem[]) {
  const sha256 = (rawSha ?? "").trim().toLowerCase();
  if (!SHA256.test(sha256)) {
    problems.push({ line, message: rawSha ? `\`${rawSha.slice(0, 80)}\` is not a sha256 (64 hexadecimal digits).` : "The sha256 is missing." });
    return;
  }
  const label = (rawLabel ?? "").trim().toUpperCase().replace(/[\s-]+/g, "_");
  if (label === "FACE" || label === "NO_FACE") lines.push({ line, sha256, label });
  else if (label === "UNSURE") problems.push({ line, sha256, message: "UNSURE cannot be imported: only FACE or NO_FACE settle a frame." });
  else problems.push({ line, sha256, message: rawLabel ? `\`${rawLabel.slice(0, 40)}\` is not a label: use FACE or NO_FACE.` : "The label is missing." });
}
