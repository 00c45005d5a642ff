"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button, buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { Field, describedBy, inputClass } from "@/components/field";
import { ProgressBar } from "@/components/progress-bar";
import { Spinner } from "@/components/spinner";
import { formatBytes, plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { IMPORT_JOB_FIELDS, type ImportJobSummary } from "@/lib/import-jobs";
import { FAILURE_FIELDS, fieldErrors, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { uploadFiles, UploadRequestError, type RejectedUpload } from "@/lib/upload-client";
import { addToSelection, fileKey, filePath, matchUploadAnswers, planUploadBatches, rejectionReason, uploadKind, type UploadKind, type UploadOutcome } from "@/lib/upload-files";
import { ImportJobPanel, ImportJobRow } from "../../_components/import-job-panel";
import { DropZone } from "./drop-zone";
import { type SelectedFile } from "./dropped-files";

export interface TitleOption {
  id: string;
  name: string;
  kind: "TITLE" | "ARTIST";
  frameCount: number;
}

const CREATE_IMPORT = /* GraphQL */ `
  mutation CreateImport($input: CreateImportInput!) {
    createImport(input: $input) {
      ${FAILURE_FIELDS}
      ... on CreateImportSuccess { data { ${IMPORT_JOB_FIELDS} } }
    }
  }
`;

type CreateImportResult = MutationFailure | { __typename: "CreateImportSuccess"; data: ImportJobSummary };

/** createImport takes at most this many uploads; a bigger selection becomes several imports. */
const MAX_UPLOADS_PER_IMPORT = 1000;
/** Rows of the file list drawn at once; a folder of thousands of frames is summarised. */
const LIST_LIMIT = 200;

const KIND_LABEL: Record<UploadKind, string> = { VIDEO: "Video", IMAGE: "Image", ZIP: "Zip" };
const KIND_CHIP: Record<UploadKind, string> = {
  VIDEO: "bg-violet-50 text-violet-700 ring-violet-600/20",
  IMAGE: "bg-sky-50 text-sky-700 ring-sky-600/20",
  ZIP: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  filesSent: number;
  fileCount: number;
}

/** The import page: choose files, describe them, upload with progress, then follow the import. */
export function ImportForm(props: { datasetId: string; titles: TitleOption[] }) {
  const [round, setRound] = useState(0);
  return <ImportRound key={round} {...props} onAgain={() => setRound((n) => n + 1)} />;
}

function ImportRound({ datasetId, titles, onAgain }: { datasetId: string; titles: TitleOption[]; onAgain: () => void }) {
  const [files, setFiles] = useState<SelectedFile[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [outcomes, setOutcomes] = useState<Record<string, UploadOutcome>>({});
  const [rejections, setRejections] = useState<RejectedUpload[]>([]);
  const [phase, setPhase] = useState<"edit" | "uploading" | "creating" | "done">("edit");
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [jobs, setJobs] = useState<ImportJobSummary[]>([]);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<"TITLE" | "ARTIST">("TITLE");
  const abortRef = useRef<AbortController | null>(null);

  const busy = phase === "uploading" || phase === "creating";
  const errors = fieldErrors(failure);
  const existingTitle = titles.find((option) => option.name === title.trim()) ?? null;
  const videos = files.filter((file) => uploadKind(file.name) === "VIDEO").length;
  const pending = files.filter((file) => outcomes[fileKey(file)]?.state !== "refused");

  // Leaving the page (a link inside the app) stops the upload; what was sent is never imported then,
  // and the API removes unclaimed uploads after a day.
  useEffect(() => () => abortRef.current?.abort(), []);

  // Closing or reloading the tab stops the upload too; ask first.
  useEffect(() => {
    if (phase !== "uploading") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [phase]);

  function addFiles(picked: SelectedFile[]) {
    const result = addToSelection(files, picked);
    setFiles(result.selection);
    setSkipped(result.skipped.map(filePath));
    setError(null);
  }

  function removeFile(file: SelectedFile) {
    const key = fileKey(file);
    setFiles((current) => current.filter((other) => fileKey(other) !== key));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    setError(null);
    setFailure(null);
    if (pending.length === 0) {
      setError(files.length ? "Every chosen file was refused; choose other files." : "Choose the videos, images or zips to import.");
      return;
    }

    // 1. Upload what is not uploaded yet, batch by batch (a retry skips files already sent).
    const known = { ...outcomes };
    const toSend = pending.filter((file) => !known[fileKey(file)]);
    const refused: RejectedUpload[] = [...rejections];
    if (toSend.length > 0) {
      const controller = new AbortController();
      abortRef.current = controller;
      const totalBytes = toSend.reduce((sum, file) => sum + file.size, 0);
      let sentBefore = 0;
      let filesSent = 0;
      setPhase("uploading");
      setProgress({ sentBytes: 0, totalBytes, filesSent: 0, fileCount: toSend.length });
      try {
        for (const batch of planUploadBatches(toSend)) {
          const batchBytes = batch.reduce((sum, file) => sum + file.size, 0);
          const result = await uploadFiles({
            datasetId,
            files: batch.map((file) => file.file),
            signal: controller.signal,
            onProgress: (loaded, total) =>
              setProgress({ sentBytes: sentBefore + (total > 0 ? (batchBytes * loaded) / total : 0), totalBytes, filesSent, fileCount: toSend.length }),
          });
          Object.assign(known, matchUploadAnswers(batch, result));
          refused.push(...result.errors);
          sentBefore += batchBytes;
          filesSent += batch.length;
          setOutcomes({ ...known });
          setRejections([...refused]);
          setProgress({ sentBytes: sentBefore, totalBytes, filesSent, fileCount: toSend.length });
        }
      } catch (caught) {
        setOutcomes({ ...known });
        setRejections([...refused]);
        setPhase("edit");
        setProgress(null);
        if (caught instanceof DOMException && caught.name === "AbortError") {
          setError("Upload stopped. Files already sent are kept; Import again to send the rest.");
        } else {
          setError(caught instanceof UploadRequestError ? caught.message : "The upload failed. Try again.");
        }
        return;
      } finally {
        abortRef.current = null;
      }
    }

    // 2. Turn the uploads into import jobs.
    const uploadIds = pending.flatMap((file) => {
      const outcome = known[fileKey(file)];
      return outcome?.state === "uploaded" ? [outcome.uploadId] : [];
    });
    if (uploadIds.length === 0) {
      setPhase("edit");
      setProgress(null);
      setError("None of the files could be uploaded; see the reasons below.");
      return;
    }
    setPhase("creating");
    const episode = String(form.get("episode") ?? "").trim();
    const created: ImportJobSummary[] = [];
    try {
      for (let start = 0; start < uploadIds.length; start += MAX_UPLOADS_PER_IMPORT) {
        const { createImport } = await requestGraphQL<{ createImport: CreateImportResult }>(CREATE_IMPORT, {
          input: {
            datasetId,
            title: title.trim(),
            titleKind: existingTitle?.kind ?? kind,
            episode: episode || null,
            sampleFps: Number(form.get("sampleFps") || 1),
            uploadIds: uploadIds.slice(start, start + MAX_UPLOADS_PER_IMPORT),
          },
        });
        if (isFailure(createImport)) {
          setFailure(createImport);
          break;
        }
        created.push(createImport.data);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not start the import. Try again.");
    }
    if (created.length > 0) {
      setJobs(created);
      setPhase("done");
    } else {
      setPhase("edit");
    }
    setProgress(null);
  }

  if (phase === "done") {
    return (
      <div className="space-y-6" data-testid="import-result">
        <Alert
          tone="success"
          title={jobs.length === 1 ? "Import started" : `${jobs.length} imports started`}
          action={
            <div className="flex flex-wrap gap-2">
              {jobs.length === 1 && jobs[0] ? (
                <Link href={`/datasets/${datasetId}/imports/${jobs[0].id}`} className={buttonClass("secondary", "sm")}>
                  Open the import’s page
                </Link>
              ) : null}
              <Link href={`/datasets/${datasetId}/frames`} className={buttonClass("secondary", "sm")}>
                View frames
              </Link>
              <Button size="sm" onClick={onAgain}>
                Import more files
              </Button>
            </div>
          }
        >
          {plural(Object.values(outcomes).filter((outcome) => outcome.state === "uploaded").length, "file")} uploaded. The worker turns them into frames now; you may leave this page.
        </Alert>
        {failure || error ? <Alert title="Not every file could be imported">{failure?.message ?? error}</Alert> : null}
        <Rejections rejections={rejections} />
        {jobs.length === 1 && jobs[0] ? (
          <ImportJobPanel initial={jobs[0]} canCancel />
        ) : (
          <Card>
            <ul className="divide-y divide-slate-100">
              {jobs.map((job) => (
                <ImportJobRow key={job.id} initial={job} datasetId={datasetId} canCancel />
              ))}
            </ul>
          </Card>
        )}
      </div>
    );
  }

  const unplaced = failure && !errors["title"] && !errors["episode"] && !errors["sampleFps"] ? failure.message : null;

  return (
    <form onSubmit={(event) => void handleSubmit(event)} aria-label="Import files" className="grid items-start gap-6 lg:grid-cols-5">
      <div className="space-y-4 lg:col-span-3">
        <DropZone onFiles={addFiles} disabled={busy} />
        {skipped.length > 0 ? (
          <Alert tone="info">
            Skipped {plural(skipped.length, "file")} kao does not import: {skipped.slice(0, 5).join(", ")}
            {skipped.length > 5 ? ` and ${skipped.length - 5} more` : ""}.
          </Alert>
        ) : null}
        <Rejections rejections={rejections} />
        {files.length > 0 ? <FileList files={files} outcomes={outcomes} onRemove={busy ? null : removeFile} onClear={busy ? null : () => setFiles([])} /> : null}
      </div>

      <Card className="lg:sticky lg:top-20 lg:col-span-2">
        <CardHeader title="Details" description="One anime title (or artist) per import." />
        <fieldset disabled={busy} className="space-y-5 px-5 py-5">
          <Field
            id="import-title"
            label="Title"
            error={errors["title"]}
            hint={existingTitle ? `Adds to the existing ${existingTitle.kind === "ARTIST" ? "artist" : "title"} (${plural(existingTitle.frameCount, "frame")}).` : "Pick an existing title or type a new one."}
          >
            <input
              id="import-title"
              name="title"
              required
              maxLength={200}
              list="import-title-options"
              autoComplete="off"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              className={inputClass}
              {...describedBy("import-title", errors["title"])}
            />
            <datalist id="import-title-options">
              {titles.map((option) => (
                <option key={option.id} value={option.name} />
              ))}
            </datalist>
          </Field>
          <Field id="import-kind" label="Kind" hint={existingTitle ? "Set when the title was created." : "Artists are held out like titles for the distinct test set."}>
            <select
              id="import-kind"
              name="titleKind"
              value={existingTitle?.kind ?? kind}
              onChange={(event) => setKind(event.target.value === "ARTIST" ? "ARTIST" : "TITLE")}
              disabled={Boolean(existingTitle)}
              className={`${inputClass} pr-8`}
            >
              <option value="TITLE">Anime title</option>
              <option value="ARTIST">Artist</option>
            </select>
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id="import-episode" label="Episode" error={errors["episode"]} hint="Optional; applies to every video here.">
              <input id="import-episode" name="episode" maxLength={100} placeholder="e.g. 3" className={inputClass} {...describedBy("import-episode", errors["episode"])} />
            </Field>
            <Field id="import-fps" label="Frames per second" error={errors["sampleFps"]} hint={videos > 0 ? `Sampled from ${plural(videos, "video")}.` : "Only used for videos."}>
              <input
                id="import-fps"
                name="sampleFps"
                type="number"
                min={0.01}
                max={30}
                step="any"
                defaultValue={1}
                required
                className={`${inputClass} ${videos === 0 ? "text-slate-500" : ""}`}
                {...describedBy("import-fps", errors["sampleFps"])}
              />
            </Field>
          </div>
        </fieldset>
        <div className="space-y-3 border-t border-slate-100 px-5 py-4">
          {error ? <Alert>{error}</Alert> : unplaced ? <Alert>{unplaced}</Alert> : null}
          {phase === "uploading" && progress ? (
            <UploadStatus progress={progress} onStop={() => abortRef.current?.abort()} />
          ) : phase === "creating" ? (
            <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
              <Spinner /> Starting the import…
            </p>
          ) : (
            <Button type="submit" className="w-full" disabled={pending.length === 0}>
              {pending.length === 0 ? "Import" : `Import ${plural(pending.length, "file")}`}
            </Button>
          )}
        </div>
      </Card>
    </form>
  );
}

function UploadStatus({ progress, onStop }: { progress: UploadProgress; onStop: () => void }) {
  const percent = progress.totalBytes > 0 ? (progress.sentBytes / progress.totalBytes) * 100 : 0;
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="upload-progress">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="flex items-center gap-2 font-medium text-slate-900">
          <Spinner className="size-3.5 text-indigo-600" /> Uploading {Math.min(progress.filesSent + 1, progress.fileCount)} of {progress.fileCount}…
        </span>
        <span className="font-semibold text-slate-900 tabular-nums">{Math.floor(percent)}%</span>
      </div>
      <ProgressBar value={percent} label="Upload progress" valueText={`${formatBytes(progress.sentBytes)} of ${formatBytes(progress.totalBytes)}`} />
      <div className="flex items-center justify-between gap-3 text-xs text-slate-500 tabular-nums">
        <span>
          {formatBytes(progress.sentBytes)} of {formatBytes(progress.totalBytes)}
        </span>
        <Button variant="ghost" size="sm" onClick={onStop}>
          Stop upload
        </Button>
      </div>
    </div>
  );
}

function Rejections({ rejections }: { rejections: RejectedUpload[] }) {
  if (rejections.length === 0) return null;
  return (
    <Alert tone="warning" title={`${plural(rejections.length, "file")} refused; the others are imported.`}>
      <ul className="mt-1 space-y-0.5" data-testid="upload-rejections">
        {rejections.map((rejection, index) => (
          <li key={`${rejection.fileName}-${index}`} data-testid="upload-rejection">
            {rejection.fileName ? <span className="font-semibold">{rejection.fileName}</span> : null}
            {rejection.fileName ? ": " : null}
            {rejectionReason(rejection.fileName, rejection.message)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function FileList({
  files,
  outcomes,
  onRemove,
  onClear,
}: {
  files: SelectedFile[];
  outcomes: Record<string, UploadOutcome>;
  onRemove: ((file: SelectedFile) => void) | null;
  onClear: (() => void) | null;
}) {
  const counts = { VIDEO: 0, IMAGE: 0, ZIP: 0 };
  for (const file of files) {
    const kind = uploadKind(file.name);
    if (kind) counts[kind]++;
  }
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const summary = [
    counts.VIDEO ? plural(counts.VIDEO, "video") : null,
    counts.IMAGE ? plural(counts.IMAGE, "image") : null,
    counts.ZIP ? plural(counts.ZIP, "zip") : null,
  ].filter(Boolean);

  return (
    <Card>
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <p className="text-sm text-slate-600">
          <span className="font-semibold text-slate-900">{plural(files.length, "file")}</span> · {summary.join(", ")} · {formatBytes(bytes)}
        </p>
        {onClear ? (
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear all
          </Button>
        ) : null}
      </div>
      <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" data-testid="selected-files">
        {files.slice(0, LIST_LIMIT).map((file) => {
          const kind = uploadKind(file.name) ?? "IMAGE";
          const outcome = outcomes[fileKey(file)];
          const path = filePath(file);
          return (
            <li key={fileKey(file)} className="flex items-center gap-3 px-5 py-2" data-testid="selected-file" data-name={file.name}>
              <span className={`inline-flex w-12 shrink-0 justify-center rounded-md py-0.5 text-xs font-medium ring-1 ring-inset ${KIND_CHIP[kind]}`}>{KIND_LABEL[kind]}</span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm text-slate-900" title={path}>
                  {path}
                </p>
                {outcome?.state === "refused" ? <p className="truncate text-xs text-red-600">{outcome.reason}</p> : null}
              </div>
              <span className="shrink-0 text-xs text-slate-500 tabular-nums">{formatBytes(file.size)}</span>
              {outcome?.state === "uploaded" ? (
                <span className="w-14 shrink-0 text-right text-xs font-medium text-emerald-600">Sent</span>
              ) : outcome?.state === "refused" ? (
                <span className="w-14 shrink-0 text-right text-xs font-medium text-red-600">Refused</span>
              ) : onRemove ? (
                <Button variant="ghost" size="sm" className="w-14 shrink-0" aria-label={`Remove ${path}`} onClick={() => onRemove(file)}>
                  Remove
                </Button>
              ) : (
                <span className="w-14 shrink-0" />
              )}
            </li>
          );
        })}
      </ul>
      {files.length > LIST_LIMIT ? (
        <p className="border-t border-slate-100 px-5 py-2.5 text-xs text-slate-500">…and {plural(files.length - LIST_LIMIT, "more file")}.</p>
      ) : null}
    </Card>
  );
}
