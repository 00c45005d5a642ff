"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { inputClass } from "@/components/field";
import { formatBytes, plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { LABEL_FILE_ACCEPT, LABEL_FILE_WARN_BYTES, detectLabelFormat, utf8Bytes, type LabelFileFormat } from "./label-file";

const IMPORT_LABELS = /* GraphQL */ `
  mutation ImportLabels($datasetId: ID!, $input: ImportLabelsInput!) {
    importLabels(datasetId: $datasetId, input: $input) {
      ${FAILURE_FIELDS}
      ... on ImportLabelsSuccess { data { dryRun applied lines frames created updated unchanged } }
    }
  }
`;

interface LabelImport {
  dryRun: boolean;
  applied: boolean;
  lines: number;
  frames: number;
  created: number;
  updated: number;
  unchanged: number;
}

type ImportLabelsResult = MutationFailure | { __typename: "ImportLabelsSuccess"; data: LabelImport };

const FORMAT_TEXT: Record<LabelFileFormat, string> = { CSV: "CSV", JSONL: "JSON Lines" };

/**
 * Labels from a CSV or JSON Lines file (kao's own exports work as they are), matched to frames by
 * sha256 (admins). The file is read here and sent as text; a dry run lists every problem line by line
 * and changes nothing, and only a clean dry run of the same text can be applied.
 */
export function ImportLabelsPanel({ datasetId }: { datasetId: string }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const mutation = useMutation();
  const [text, setText] = useState("");
  const [format, setFormat] = useState<LabelFileFormat>("CSV");
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** The last report, and the exact text and format it is about. */
  const [result, setResult] = useState<{ report: LabelImport; text: string; format: LabelFileFormat } | null>(null);
  const bytes = utf8Bytes(text);
  const checked = result?.report.dryRun && result.text === text && result.format === format ? result.report : null;
  const applied = result?.report.applied ? result.report : null;
  const problems = mutation.failure?.__typename === "ValidationError" ? mutation.failure.inputErrors : [];

  function changeText(next: string, name: string | null) {
    setText(next);
    setFileName(name);
    setFormat(detectLabelFormat(next, name));
    setResult(null);
    mutation.reset();
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Reset, so that choosing the same (edited) file again fires `change` again.
    event.target.value = "";
    if (!file) return;
    setReadError(null);
    try {
      changeText(await file.text(), file.name);
    } catch (error) {
      setReadError(`Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function send(dryRun: boolean) {
    const sent = { text, format };
    mutation.run(
      async () => {
        const { importLabels } = await requestGraphQL<{ importLabels: ImportLabelsResult }>(IMPORT_LABELS, {
          datasetId,
          input: { format, text, name: fileName, dryRun },
        });
        if (isFailure(importLabels)) return importLabels;
        setResult({ report: importLabels.data, ...sent });
      },
      // A dry run changes nothing; after applying, the page's counts (pending frames) must catch up.
      { refresh: !dryRun },
    );
  }

  return (
    <div className="space-y-4 px-5 py-4" data-testid="import-labels">
      <div className="flex flex-wrap items-center gap-2">
        <input ref={fileInput} type="file" accept={LABEL_FILE_ACCEPT} className="sr-only" onChange={chooseFile} aria-label="Choose a label file" tabIndex={-1} />
        <Button variant="secondary" size="sm" onClick={() => fileInput.current?.click()} disabled={mutation.pending}>
          Choose file…
        </Button>
        <span className="min-w-0 truncate text-xs text-slate-500" data-testid="import-file-name">
          {fileName ?? "or paste below"}
        </span>
      </div>
      {readError ? <Alert>{readError}</Alert> : null}
      <div className="space-y-1.5">
        <label htmlFor="import-labels-text" className="block text-sm font-medium text-slate-700">
          Labels
        </label>
        <textarea
          id="import-labels-text"
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(event) => changeText(event.target.value, null)}
          placeholder={"sha256,label\n3f2a…,FACE\n\nor one JSON object per line:\n{\"sha256\":\"3f2a…\",\"label\":\"NO_FACE\"}"}
          className={`${inputClass} font-mono text-xs leading-relaxed`}
        />
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
          <fieldset className="inline-flex items-center gap-3">
            <legend className="sr-only">Format</legend>
            {(["CSV", "JSONL"] as const).map((option) => (
              <label key={option} className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="import-labels-format"
                  value={option}
                  checked={format === option}
                  onChange={() => {
                    setFormat(option);
                    mutation.reset();
                  }}
                  className="size-3.5 accent-indigo-600"
                />
                {FORMAT_TEXT[option]}
              </label>
            ))}
          </fieldset>
          <span className={`tabular-nums ${bytes > LABEL_FILE_WARN_BYTES ? "font-medium text-amber-700" : ""}`}>
            {formatBytes(bytes)}
            {bytes > LABEL_FILE_WARN_BYTES ? " — near or over the API's 1 MB request limit; split the file" : ""}
          </span>
        </div>
      </div>

      {mutation.error && problems.length === 0 ? <Alert>{mutation.error}</Alert> : null}
      {problems.length > 0 ? (
        <div className="rounded-lg bg-red-50 ring-1 ring-red-200 ring-inset" role="alert" data-testid="import-problems">
          <p className="px-3 pt-2.5 text-sm font-semibold text-red-800">{mutation.error}</p>
          <ol className="max-h-48 space-y-0.5 overflow-y-auto px-3 pt-1 pb-2.5 font-mono text-xs text-red-800">
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`} data-testid="import-problem">
                {problem.message}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {checked ? (
        <Alert tone="info" title="Dry run: nothing changed yet">
          <span data-testid="import-dry-run">
            {plural(checked.lines, "line")} naming {plural(checked.frames, "frame")}: {checked.created.toLocaleString("en")} would get a label,{" "}
            {checked.updated.toLocaleString("en")} would change label, {checked.unchanged.toLocaleString("en")} already have it.
          </span>
        </Alert>
      ) : null}
      {applied ? (
        <Alert tone="success" title="Labels imported">
          <span data-testid="import-applied">
            {applied.created.toLocaleString("en")} frames got a label, {applied.updated.toLocaleString("en")} changed, {applied.unchanged.toLocaleString("en")} already had it.
            They are reviewer-decided now; splits pick them up as pending frames.
          </span>
        </Alert>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={() => send(true)} pending={mutation.pending && !checked} disabled={text.trim() === "" || mutation.pending}>
          Check (dry run)
        </Button>
        <Button onClick={() => send(false)} pending={mutation.pending && Boolean(checked)} disabled={!checked || checked.created + checked.updated === 0 || mutation.pending}>
          Apply
        </Button>
      </div>
    </div>
  );
}
