import { describe, expect, it } from "vitest";
import { csvRecord } from "../export/format-rows.ts";
import { parseCsv } from "./parse-csv.ts";
import { parseLabelFile } from "./parse-label-file.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("parseCsv", () => {
  it("reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes, CRLF or LF", () => {
    const text = 'x,y\r\n"a,b","say ""hi"""\r\n"two\nlines",z\nlast,row';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, fields: ["x", "y"] },
        { line: 2, fields: ["a,b", 'say "hi"'] },
        { line: 3, fields: ["two\nlines", "z"] },
        { line: 5, fields: ["last", "row"] },
      ],
      error: null,
    });
  });

  it("reads back what the exporter writes", () => {
    const fields = ["plain", "comma, inside", 'quote " inside', "line\r\nbreak", "", " spaced "];
    expect(parseCsv(csvRecord(fields) + csvRecord(["2"])).records.map((record) => record.fields)).toEqual([fields, ["2"]]);
  });

  it("skips blank lines and a byte-order mark, and reports an unclosed quote", () => {
    expect(parseCsv("\uFEFFa\n\n\nb\n").records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
    ]);
    expect(parseCsv('a\n"open,b\nc').error).toEqual({ line: 2, message: expect.stringContaining("never closed") });
  });
});

describe("parseLabelFile", () => {
  it("reads sha256 and label by header name, in any column order and case", () => {
    const text = `Label,other,SHA256\nface,x,${A.toUpperCase()}\n no face ,y,${B}\n`;
    expect(parseLabelFile(text, "CSV")).toEqual({
      lines: [
        { line: 2, sha256: A, label: "FACE" },
        { line: 3, sha256: B, label: "NO_FACE" },
      ],
      problems: [],
    });
  });

  it("reports each bad line with its number", () => {
    const text = `sha256,label\nnot-a-hash,FACE\n${A},UNSURE\n${B},maybe\n${B}\n`;
    expect(parseLabelFile(text, "CSV").problems).toEqual([
      { line: 2, message: expect.stringContaining("not a sha256") },
      { line: 3, sha256: A, message: expect.stringContaining("UNSURE cannot be imported") },
      { line: 4, sha256: B, message: expect.stringContaining("not a label") },
      { line: 5, sha256: B, message: "The label is missing." },
    ]);
  });

  it("refuses a header without the needed columns", () => {
    expect(parseLabelFile("hash,label\nx,FACE\n", "CSV").problems).toEqual([{ line: 1, message: expect.stringContaining("must name a `sha256`") }]);
  });

  it("reads JSON Lines, reporting lines that are not objects or not JSON", () => {
    const text = `{"sha256":"${A}","label":"FACE","split":"TRAIN"}\n\n[1]\n{oops\n{"sha256":"${B}","label":"NO_FACE"}`;
    const parsed = parseLabelFile(text, "JSONL");
    expect(parsed.lines).toEqual([
      { line: 1, sha256: A, label: "FACE" },
      { line: 5, sha256: B, label: "NO_FACE" },
    ]);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(parsed.problems[1]?.message).toMatch(/^Not valid JSON/);
  });
});
