"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, inputClass } from "@/components/field";
import { ProgressBar } from "@/components/progress-bar";
import { requestGraphQL } from "@/lib/graphql-client";
import { formatBytes } from "@/lib/format";
import { CUSTOM_PRESET, InputSizeField, PoolingField, PresetField } from "@/components/ml/backbone-fields";
import { useWorkerJob } from "@/components/ml/use-worker-job";
import { BACKBONE_JOB_FIELDS, type BackboneJobView } from "./backbone-jobs";
import { BackboneJobProgress } from "./backbone-job-progress";
import { uploadKerasModel } from "./upload-keras-model";

/** What Keras models are trained with; the importer takes pixel × scale + offset. */
const PRESETS = [
  { key: "unit", label: "x / 255 (0…1)", hint: "nsfwjs and most Keras MobileNet exports.", scale: "1/255", offset: "0" },
  { key: "inception", label: "x / 127.5 − 1 (−1…1)", hint: "Keras ImageNet Inception, Xception and MobileNet (preprocess_input).", scale: "1/127.5", offset: "-1" },
  { key: "raw", label: "Raw pixels (0…255)", hint: "Models that normalise inside the graph.", scale: "1", offset: "0" },
] as const;

/**
 * Uploads a Keras / TF.js layers model (model.json and its weight shards) and has a worker convert it
 * to ONNX and register it (admins): what `kao backbone import-keras` does from the command line. The
 * upload shows its bytes, then the conversion job its steps or the converter's message (for example
 * the layer it does not support).
 */
export function KerasImportForm({ initial }: { initial: BackboneJobView | null }) {
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState("");
  const [tap, setTap] = useState("");
  const [pooling, setPooling] = useState<"MAX" | "AVG">("MAX");
  const [presetKey, setPresetKey] = useState<string>("unit");
  const [scale, setScale] = useState("1/255");
  const [offset, setOffset] = useState("0");
  const [bgr, setBgr] = useState(false);
  const [width, setWidth] = useState("");
  const [height, setHeight] = useState("");
  const [sending, setSending] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A new key empties the file input (it cannot be controlled) after an import was accepted.
  const [fileInputKey, setFileInputKey] = useState(0);
  const { job, start, pollError } = useWorkerJob(initial, { field: "backboneJob", fields: BACKBONE_JOB_FIELDS, confirm: true });
  const preset = PRESETS.find((candidate) => candidate.key === presetKey);
  const hasModelJson = files.some((file) => file.name === "model.json");

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSending({ loaded: 0, total: files.reduce((sum, file) => sum + file.size, 0) });
    try {
      const fields = {
        name: name.trim(),
        tap: tap.trim(),
        pooling,
        scale: preset ? preset.scale : scale,
        offset: preset ? preset.offset : offset,
        channelOrder: bgr ? "BGR" : "RGB",
        ...(width && height ? { width, height } : {}),
      };
      const id = await uploadKerasModel({ fields, files, onProgress: (loaded, total) => setSending({ loaded, total }) });
      const { backboneJob } = await requestGraphQL<{ backboneJob: BackboneJobView }>(`query KerasJob($id: ID!) { backboneJob(id: $id) { ${BACKBONE_JOB_FIELDS} } }`, { id });
      start(backboneJob);
      setFiles([]);
      setFileInputKey((key) => key + 1);
      setName("");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The upload failed. Try again.");
    } finally {
      setSending(null);
    }
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-4 px-5 py-5" aria-label="Import a Keras model" noValidate>
      {job ? <BackboneJobProgress job={job} pollError={pollError} /> : null}
      {error ? <Alert title="The model was not accepted">{error}</Alert> : null}
      <Field id="keras-files" label="model.json and its weight files" hint="Select them together (e.g. model.json, group1-shard1of4.bin, …), as tensorflowjs_converter or tfjs’s model.save writes them.">
        <input
          key={fileInputKey}
          id="keras-files"
          type="file"
          multiple
          onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-700"
        />
      </Field>
      {files.length > 0 ? (
        <p className="text-xs text-slate-500 tabular-nums" data-testid="keras-files">
          {files.length} files, {formatBytes(files.reduce((sum, file) => sum + file.size, 0))}
          {hasModelJson ? "" : " — model.json is missing"}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="keras-name" label="Name">
          <input id="keras-name" required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />
        </Field>
        <Field id="keras-tap" label="Tap layer" hint="A layer name, e.g. mixed7 or out_relu.">
          <input id="keras-tap" required value={tap} onChange={(event) => setTap(event.target.value)} className={`${inputClass} font-mono`} />
        </Field>
        <PoolingField id="keras-pooling" value={pooling} onChange={setPooling} />
        <InputSizeField id="keras-size" hint="Only for models whose input size is open." width={width} height={height} onWidth={setWidth} onHeight={setHeight} />
      </div>
      <PresetField id="keras-preprocessing" hint={preset ? preset.hint : "Each pixel value x (0–255) becomes x · scale + offset."} presets={PRESETS} value={presetKey} onChange={setPresetKey} />
      {presetKey === CUSTOM_PRESET ? (
        <div className="grid gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:grid-cols-2">
          <Field id="keras-scale" label="Scale">
            <input id="keras-scale" value={scale} onChange={(event) => setScale(event.target.value)} className={`${inputClass} font-mono`} />
          </Field>
          <Field id="keras-offset" label="Offset">
            <input id="keras-offset" value={offset} onChange={(event) => setOffset(event.target.value)} className={`${inputClass} font-mono`} />
          </Field>
        </div>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" className="accent-indigo-600" checked={bgr} onChange={(event) => setBgr(event.target.checked)} />
        The model expects BGR (blue, green, red)
      </label>
      {sending ? <ProgressBar value={sending.total > 0 ? (100 * sending.loaded) / sending.total : 0} label="Upload of the model" size="sm" valueText={`${formatBytes(sending.loaded)} of ${formatBytes(sending.total)}`} /> : null}
      <div className="flex justify-end border-t border-slate-100 pt-4">
        <Button type="submit" pending={sending !== null} disabled={!hasModelJson || !name.trim() || !tap.trim()}>
          Upload and convert
        </Button>
      </div>
    </form>
  );
}
