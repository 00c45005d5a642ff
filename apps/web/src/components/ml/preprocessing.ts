/**
 * A backbone's preprocessing, as the API applies it: each pixel value p (0–255), in the model's channel
 * order, becomes (p · scale − mean) / std. Presets for the usual conventions, and a short formula to
 * show what a registered backbone does.
 */

export interface Preprocessing {
  channelOrder: "RGB" | "BGR";
  scale: number;
  /** Per channel, or one value for all; empty means 0. */
  mean: number[];
  /** Per channel, or one value for all; empty means 1. */
  std: number[];
}

export interface PreprocessingPreset extends Preprocessing {
  key: string;
  label: string;
  hint: string;
}

export const PREPROCESSING_PRESETS: readonly PreprocessingPreset[] = [
  { key: "unit", label: "Scaled to 0…1", hint: "Keras MobileNet-style exports, nsfwjs.", channelOrder: "RGB", scale: 1 / 255, mean: [], std: [] },
  { key: "inception", label: "Scaled to −1…1", hint: "TensorFlow Inception and MobileNet.", channelOrder: "RGB", scale: 1 / 127.5, mean: [1, 1, 1], std: [] },
  {
    key: "torchvision",
    label: "ImageNet mean and std (torchvision)",
    hint: "PyTorch models: x / 255, then the ImageNet mean and std per channel.",
    channelOrder: "RGB",
    scale: 1 / 255,
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
  },
  {
    key: "caffe",
    label: "Caffe: BGR minus the ImageNet mean",
    hint: "BVLC GoogLeNet, AlexNet and VGG of the ONNX model zoo (the paper's backbones).",
    channelOrder: "BGR",
    scale: 1,
    mean: [104, 117, 123],
    std: [],
  },
  { key: "raw", label: "Raw pixels, 0…255", hint: "Models that normalise inside the graph.", channelOrder: "RGB", scale: 1, mean: [], std: [] },
];

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Per-channel values, with an empty list read as `fill` for every channel. */
function channels(values: readonly number[], fill: number): number[] {
  if (values.length === 0) return [fill, fill, fill];
  if (values.length === 1) return [values[0] ?? fill, values[0] ?? fill, values[0] ?? fill];
  return [0, 1, 2].map((index) => values[index] ?? fill);
}

function sameValues(a: readonly number[], b: readonly number[], fill: number) {
  const [x, y] = [channels(a, fill), channels(b, fill)];
  return x.every((value, index) => close(value, y[index] ?? fill));
}

/** The preset a backbone's preprocessing is, if any. */
export function matchPreset(value: Preprocessing): PreprocessingPreset | null {
  return (
    PREPROCESSING_PRESETS.find(
      (preset) => preset.channelOrder === value.channelOrder && close(preset.scale, value.scale) && sameValues(preset.mean, value.mean, 0) && sameValues(preset.std, value.std, 1),
    ) ?? null
  );
}

const number = (value: number) => String(Number(value.toPrecision(4)));

/** 1 / scale when that is a round number (255, 127.5), which reads better than the scale itself. */
function roundInverse(scale: number): number | null {
  const inverse = Number((1 / scale).toPrecision(8));
  return Number.isInteger(Number((inverse * 10).toPrecision(8))) ? inverse : null;
}

function channelText(values: readonly number[], fill: number): string {
  const all = channels(values, fill);
  return all.every((value) => close(value, all[0] ?? fill)) ? number(all[0] ?? fill) : `[${all.map(number).join(", ")}]`;
}

/** `x / 255`, `(x / 255 − [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]`, `x − [104, 117, 123]`. */
export function preprocessingFormula(value: Preprocessing): string {
  const inverse = roundInverse(value.scale);
  let formula = close(value.scale, 1) ? "x" : inverse !== null ? `x / ${number(inverse)}` : `x · ${number(value.scale)}`;
  const mean = channels(value.mean, 0);
  const std = channels(value.std, 1);
  if (!mean.every((m) => close(m, 0))) formula = `${formula} − ${channelText(value.mean, 0)}`;
  if (!std.every((s) => close(s, 1))) formula = `(${formula}) / ${channelText(value.std, 1)}`;
  return formula;
}

/** Numbers typed as `104, 117, 123` (or one value for all channels); null when one is not a number. */
export function parseChannelValues(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

/** Scale as typed: `1/255`, `0.00392`, `1`; null when it is not a positive number. */
export function parseScale(text: string): number | null {
  const fraction = /^\s*([\d.]+)\s*\/\s*([\d.]+)\s*$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text.trim());
  return text.trim() !== "" && Number.isFinite(value) && value > 0 ? value : null;
}

/** The scale as a person would type it back: `1/255` rather than 0.00392156…. */
export function scaleText(scale: number): string {
  const inverse = roundInverse(scale);
  return close(scale, 1) ? "1" : inverse !== null ? `1/${number(inverse)}` : String(scale);
}
