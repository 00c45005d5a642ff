"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { CUSTOM_PRESET, InputSizeField, PoolingField, PresetField } from "./backbone-fields";
import { PREPROCESSING_PRESETS, parseChannelValues, parseScale, preprocessingFormula, scaleText, type Preprocessing } from "./preprocessing";
import { useRefreshWhileStale } from "./use-refresh-while-stale";

const REGISTER_BACKBONE = /* GraphQL */ `
  mutation RegisterBackbone($input: RegisterBackboneInput!) {
    registerBackbone(input: $input) {
      ${FAILURE_FIELDS}
      ... on RegisterBackboneSuccess { data { id name dims tapLayer } }
    }
  }
`;

type RegisterBackboneResult = MutationFailure | { __typename: "RegisterBackboneSuccess"; data: { id: string; name: string; dims: number; tapLayer: string } };

const BEFORE_LAST_POOL = "before-last-pool";

interface Custom {
  channelOrder: "RGB" | "BGR";
  scale: string;
  mean: string;
  std: string;
}

/** The preprocessing the form would send, or a message about the field that is wrong. */
function readPreprocessing(presetKey: string, custom: Custom): { ok: true; value: Preprocessing } | { ok: false; field: string; message: string } {
  const preset = PREPROCESSING_PRESETS.find((candidate) => candidate.key === presetKey);
  if (preset) return { ok: true, value: preset };
  const scale = parseScale(custom.scale);
  if (scale === null) return { ok: false, field: "scale", message: "A positive number, e.g. 1/255 or 0.5." };
  const mean = parseChannelValues(custom.mean);
  if (!mean || mean.length > 3) return { ok: false, field: "mean", message: "Up to three numbers, one per channel." };
  const std = parseChannelValues(custom.std);
  if (!std || std.length > 3 || std.some((value) => value === 0)) return { ok: false, field: "std", message: "Up to three non-zero numbers, one per channel." };
  return { ok: true, value: { channelOrder: custom.channelOrder, scale, mean, std } };
}

/**
 * Registers an ONNX file that is already on the server (admins): its path, where to cut it (a tensor,
 * or the input of its last pooling layer, as the paper cut its CNNs), pooling and preprocessing. The
 * API opens and runs the model once before it says yes.
 */
export function RegisterBackboneForm({ backboneNames }: { backboneNames: string[] }) {
  const mutation = useMutation();
  const [name, setName] = useState("");
  const [path, setPath] = useState("");
  const [tapKind, setTapKind] = useState<"pool" | "tensor">("pool");
  const [tensor, setTensor] = useState("");
  const [pooling, setPooling] = useState<"MAX" | "AVG">("MAX");
  const [presetKey, setPresetKey] = useState("caffe");
  const [custom, setCustom] = useState<Custom>({ channelOrder: "RGB", scale: "1/255", mean: "", std: "" });
  const [width, setWidth] = useState("");
  const [height, setHeight] = useState("");
  const [registered, setRegistered] = useState<{ name: string; dims: number; tapLayer: string } | null>(null);
  // The table above lists the new backbone once the page has re-rendered.
  useRefreshWhileStale(registered !== null && !backboneNames.includes(registered.name));
  const preprocessing = readPreprocessing(presetKey, custom);
  const preset = PREPROCESSING_PRESETS.find((candidate) => candidate.key === presetKey);
  const errors = mutation.fieldErrors;
  const sizeError = [width, height].some((value) => value !== "" && !/^\d+$/.test(value)) ? "Whole numbers of pixels, or leave both empty." : errors["width"] ?? errors["height"];
  const localError = (field: string) => (!preprocessing.ok && preprocessing.field === field ? preprocessing.message : errors[field]);
  // The one conflict registration has is a name already taken.
  const nameError = errors["name"] ?? (mutation.failure?.__typename === "ConflictError" ? mutation.failure.message : undefined);
  const placed = new Set(["name", "path", "tap", "width", "height", "scale", "mean", "std"]);
  const unplaced = mutation.error && !nameError && !Object.keys(errors).some((key) => placed.has(key)) ? mutation.error : null;

  function choosePreset(key: string) {
    const chosen = PREPROCESSING_PRESETS.find((candidate) => candidate.key === key);
    // Custom starts from the preset that was chosen, so a small change is a small edit.
    if (key === CUSTOM_PRESET && preset) {
      setCustom({ channelOrder: preset.channelOrder, scale: scaleText(preset.scale), mean: preset.mean.join(", "), std: preset.std.join(", ") });
    }
    setPresetKey(chosen ? chosen.key : CUSTOM_PRESET);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!preprocessing.ok || sizeError) return;
    const tap = tapKind === "pool" ? BEFORE_LAST_POOL : tensor.trim();
    const { value } = preprocessing;
    const input = {
      name: name.trim(),
      path: path.trim(),
      tap,
      pooling,
      channelOrder: value.channelOrder,
      scale: value.scale,
      ...(value.mean.length ? { mean: value.mean } : {}),
      ...(value.std.length ? { std: value.std } : {}),
      ...(width ? { width: Number(width) } : {}),
      ...(height ? { height: Number(height) } : {}),
    };
    setRegistered(null);
    mutation.run(async () => {
      const { registerBackbone } = await requestGraphQL<{ registerBackbone: RegisterBackboneResult }>(REGISTER_BACKBONE, { input });
      if (isFailure(registerBackbone)) return registerBackbone;
      setRegistered(registerBackbone.data);
      setName("");
      setPath("");
      setTensor("");
    });
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-4 px-5 py-5" aria-label="Register an ONNX file" noValidate>
      {registered ? (
        <Alert tone="success" title={`Registered ${registered.name}`}>
          {registered.dims.toLocaleString("en")} features per frame, tapped at <code className="font-mono text-xs">{registered.tapLayer}</code>.
        </Alert>
      ) : null}
      {unplaced ? <Alert>{unplaced}</Alert> : null}
      <Field id="backbone-name" label="Name" error={nameError} hint="Shown in tables, e.g. “VGG16 conv5_3”.">
        <input id="backbone-name" required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} {...describedBy("backbone-name", nameError)} />
      </Field>
      <Field id="backbone-path" label="ONNX file on the server" error={errors["path"]} hint="Relative paths are under the data folder (KAO_DATA_DIR), e.g. models/vgg16-12.onnx. Workers need the same file at the same path.">
        <input
          id="backbone-path"
          required
          value={path}
          onChange={(event) => setPath(event.target.value)}
          placeholder="models/…onnx"
          className={`${inputClass} font-mono`}
          {...describedBy("backbone-path", errors["path"])}
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Tap</legend>
        <div className="mt-1.5 space-y-2 text-sm text-slate-700">
          <label className="flex items-start gap-2">
            <input type="radio" name="tap" className="mt-0.5 accent-indigo-600" checked={tapKind === "pool"} onChange={() => setTapKind("pool")} />
            <span>
              Before the last pool
              <span className="block text-xs text-slate-500">The input of the last pooling layer before the classifier: the paper’s cut.</span>
            </span>
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="tap" className="accent-indigo-600" checked={tapKind === "tensor"} onChange={() => setTapKind("tensor")} />
            <span className="shrink-0">Tensor</span>
            <input
              aria-label="Tensor name"
              value={tensor}
              disabled={tapKind !== "tensor"}
              onChange={(event) => setTensor(event.target.value)}
              placeholder="e.g. conv5_3"
              className={`${inputClass} font-mono`}
              {...describedBy("backbone-tap", errors["tap"])}
            />
          </label>
          {errors["tap"] ? (
            <p id="backbone-tap-error" role="alert" className="text-xs font-medium text-red-600">
              {errors["tap"]}
            </p>
          ) : null}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <PoolingField id="backbone-pooling" value={pooling} onChange={setPooling} />
        <InputSizeField id="backbone-size" hint="Leave empty when the model fixes it." error={sizeError} width={width} height={height} onWidth={setWidth} onHeight={setHeight} />
      </div>
      <PresetField
        id="backbone-preprocessing"
        hint={preset ? `${preset.hint} Each pixel: ${preprocessingFormula(preset)}, ${preset.channelOrder}.` : "Each pixel value x (0–255), in the model’s channel order: (x · scale − mean) / std."}
        presets={PREPROCESSING_PRESETS}
        value={presetKey}
        onChange={choosePreset}
      />
      {presetKey === CUSTOM_PRESET ? (
        <div className="grid gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:grid-cols-4">
          <Field id="backbone-order" label="Channels">
            <select id="backbone-order" value={custom.channelOrder} onChange={(event) => setCustom({ ...custom, channelOrder: event.target.value === "BGR" ? "BGR" : "RGB" })} className={`${inputClass} pr-8`}>
              <option value="RGB">RGB</option>
              <option value="BGR">BGR</option>
            </select>
          </Field>
          <Field id="backbone-scale" label="Scale" error={localError("scale")}>
            <input id="backbone-scale" value={custom.scale} onChange={(event) => setCustom({ ...custom, scale: event.target.value })} className={`${inputClass} font-mono`} {...describedBy("backbone-scale", localError("scale"))} />
          </Field>
          <Field id="backbone-mean" label="Mean" error={localError("mean")}>
            <input id="backbone-mean" value={custom.mean} placeholder="0" onChange={(event) => setCustom({ ...custom, mean: event.target.value })} className={`${inputClass} font-mono`} {...describedBy("backbone-mean", localError("mean"))} />
          </Field>
          <Field id="backbone-std" label="Std" error={localError("std")}>
            <input id="backbone-std" value={custom.std} placeholder="1" onChange={(event) => setCustom({ ...custom, std: event.target.value })} className={`${inputClass} font-mono`} {...describedBy("backbone-std", localError("std"))} />
          </Field>
          {preprocessing.ok ? <p className="text-xs text-slate-500 sm:col-span-4">Each pixel: {preprocessingFormula(preprocessing.value)}, {preprocessing.value.channelOrder}.</p> : null}
        </div>
      ) : null}
      <div className="flex justify-end border-t border-slate-100 pt-4">
        <Button type="submit" pending={mutation.pending} disabled={!name.trim() || !path.trim() || (tapKind === "tensor" && !tensor.trim()) || !preprocessing.ok || Boolean(sizeError)}>
          Register
        </Button>
      </div>
    </form>
  );
}
