export interface CsvRecord {
  /** Line of the text the record starts on (1-based); a quoted field may span lines. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: comma-separated fields, CRLF or LF between records, fields in double quotes may hold
 * commas, quotes (doubled) and line breaks. Blank lines are skipped; a leading byte-order mark is ignored.
 */
export function parseCsv(text: string): { records: CsvRecord[]; error: { line: number; message: string } | null } {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let atFieldStart = true;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    atFieldStart = true;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      atFieldStart = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) return { records, error: { line: recordLine, message: "A quoted field is never closed (a missing `\"`)." } };
  if (field !== "" || fields.length > 0) endRecord();
  return { records, error: null };
}
