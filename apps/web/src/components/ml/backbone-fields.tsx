import { Field, inputClass } from "@/components/field";

// Fields both backbone forms (an ONNX file on the server, an uploaded Keras model) ask the same way.

export type PoolingChoice = "MAX" | "AVG";

export function PoolingField({ id, value, onChange }: { id: string; value: PoolingChoice; onChange: (pooling: PoolingChoice) => void }) {
  return (
    <Field id={id} label="Pooling">
      <select id={id} value={value} onChange={(event) => onChange(event.target.value === "AVG" ? "AVG" : "MAX")} className={`${inputClass} pr-8`}>
        <option value="MAX">Max (the paper)</option>
        <option value="AVG">Average</option>
      </select>
    </Field>
  );
}

/** Width × height as typed (digits checked by the form), for models whose input size is open. */
export function InputSizeField(props: {
  id: string;
  hint: string;
  error?: string | undefined;
  width: string;
  height: string;
  onWidth: (width: string) => void;
  onHeight: (height: string) => void;
}) {
  const { id, hint, error, width, height, onWidth, onHeight } = props;
  return (
    <Field id={id} label="Input size" error={error} hint={hint}>
      <div className="flex items-center gap-2">
        <input id={id} inputMode="numeric" aria-label="Input width" placeholder="width" value={width} onChange={(event) => onWidth(event.target.value.trim())} className={`${inputClass} tabular-nums`} />
        <span className="text-slate-400">×</span>
        <input inputMode="numeric" aria-label="Input height" placeholder="height" value={height} onChange={(event) => onHeight(event.target.value.trim())} className={`${inputClass} tabular-nums`} />
      </div>
    </Field>
  );
}

/** The key of the "Custom…" choice of PresetField, after which a form shows its own fields. */
export const CUSTOM_PRESET = "custom";

/** A preprocessing preset, or "Custom…". */
export function PresetField(props: { id: string; hint: string; presets: readonly { key: string; label: string }[]; value: string; onChange: (key: string) => void }) {
  const { id, hint, presets, value, onChange } = props;
  return (
    <Field id={id} label="Preprocessing" hint={hint}>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={`${inputClass} pr-8`}>
        {presets.map((candidate) => (
          <option key={candidate.key} value={candidate.key}>
            {candidate.label}
          </option>
        ))}
        <option value={CUSTOM_PRESET}>Custom…</option>
      </select>
    </Field>
  );
}
