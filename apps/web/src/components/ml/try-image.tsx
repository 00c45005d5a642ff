"use client";

import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/alert";
import { Spinner } from "@/components/spinner";
import { predictImage, type ImagePrediction } from "./predict-client";

const ACCEPT = "image/png,image/jpeg,image/webp";

/** Decision values past this are drawn at the end of the gauge. */
const GAUGE_RANGE = 3;

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; prediction: ImagePrediction } | { kind: "failed"; message: string };

/**
 * "Try an image": classify a picture from the viewer's computer with the published run (or `runId`),
 * through the /predict proxy. The image goes to the API only to be classified; it is not stored.
 */
export function TryImage({ datasetId, runId, runText }: { datasetId: string; runId?: string | undefined; runText: string }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const request = useRef<AbortController | null>(null);

  useEffect(() => () => request.current?.abort(), []);
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function classify(chosen: File) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setFile(chosen);
    setState({ kind: "busy" });
    predictImage({ datasetId, runId, file: chosen, signal: controller.signal }).then(
      (prediction) => {
        if (!controller.signal.aborted) setState({ kind: "done", prediction });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: "failed", message: error instanceof Error ? error.message : "kao could not classify the image." });
      },
    );
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) classify(dropped);
  }

  return (
    <div className="space-y-3 px-5 py-4" data-testid="try-image" data-state={state.kind}>
      <label
        htmlFor={inputId}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer items-center gap-4 rounded-lg border-2 border-dashed p-3 transition ${dragging ? "border-indigo-400 bg-indigo-50" : "border-slate-200 hover:border-slate-300 hover:bg-slate-50"}`}
      >
        <span className="flex size-20 shrink-0 items-center justify-center overflow-hidden rounded-md bg-slate-100 ring-1 ring-slate-200">
          {preview ? (
            <img src={preview} alt={file ? `Your image ${file.name}` : ""} className="size-full object-cover" />
          ) : (
            <svg viewBox="0 0 24 24" className="size-7 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
              <rect x="3" y="4" width="18" height="16" rx="2" />
              <circle cx="9" cy="10" r="2" />
              <path d="M21 16l-5-5-9 9" strokeLinejoin="round" />
            </svg>
          )}
        </span>
        <span className="min-w-0 text-sm">
          <span className="font-semibold text-indigo-600">{file ? "Try another image" : "Choose an image"}</span>
          <span className="text-slate-600"> or drop one here</span>
          {file ? <span className="mt-0.5 block truncate text-xs text-slate-500">{file.name}</span> : <span className="mt-0.5 block text-xs text-slate-500">PNG, JPEG or WebP; classified with {runText}.</span>}
        </span>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          className="sr-only"
          aria-label="Image to classify"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            if (chosen) classify(chosen);
            event.target.value = "";
          }}
        />
      </label>
      {state.kind === "busy" ? (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner className="size-4 text-indigo-600" /> Classifying…
        </p>
      ) : null}
      {state.kind === "failed" ? <Alert title="Not classified">{state.message}</Alert> : null}
      {state.kind === "done" ? <PredictionResult prediction={state.prediction} /> : null}
    </div>
  );
}

function PredictionResult({ prediction }: { prediction: ImagePrediction }) {
  const face = prediction.label === "FACE";
  const value = prediction.decisionValue;
  const position = ((Math.max(-GAUGE_RANGE, Math.min(GAUGE_RANGE, value)) + GAUGE_RANGE) / (2 * GAUGE_RANGE)) * 100;
  const sure = Math.abs(value) >= 1 ? "outside the margin" : "inside the margin: unsure";
  return (
    <div className="space-y-2 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-inset ring-slate-200" role="status" data-testid="prediction" data-label={prediction.label} data-decision-value={value}>
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className={`text-lg font-bold ${face ? "text-emerald-700" : "text-red-700"}`} data-testid="prediction-label">
          {face ? "Face" : "No face"}
        </span>
        <span className="text-sm text-slate-600">
          decision value <span className="font-mono font-semibold text-slate-900 tabular-nums">{value.toFixed(3)}</span> ({sure})
        </span>
      </p>
      <div className="relative h-2 rounded-full bg-gradient-to-r from-red-200 via-slate-200 to-emerald-200" aria-hidden="true">
        <span className="absolute inset-y-[-3px] left-1/2 w-px bg-slate-400" />
        <span className={`absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-white ${face ? "bg-emerald-600" : "bg-red-600"}`} style={{ left: `${position}%` }} />
      </div>
      <p className="flex justify-between text-[11px] text-slate-500">
        <span>no face</span>
        <span>0</span>
        <span>face</span>
      </p>
    </div>
  );
}
