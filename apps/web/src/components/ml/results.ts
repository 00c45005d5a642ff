/** Pure helpers for the results tables and the training form (shared by server and client). */
import type { MetricSplit, SplitScore } from "./ml-data";

export type ScoreMetric = "accuracy" | "balancedAccuracy";

export const METRIC_TEXT: Record<ScoreMetric, string> = { accuracy: "Accuracy", balancedAccuracy: "Balanced accuracy" };

export const SPLIT_TEXT: Record<MetricSplit, string> = { train: "Train", val: "Validation", test: "Test", distinct: "Distinct test" };

/** A share as the tables print it: `97.9%`, one decimal; `—` when there is nothing to show. */
export function formatScore(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(1)}%`;
}

/** Frames right out of those scored, from the accuracy (exact for counts the API reports). */
export function correctCount(score: SplitScore): number {
  return Math.round(score.accuracy * score.count);
}

/** The row indices holding the best value of one column (all of them on a tie); none when the column is empty. */
export function bestRows<R extends Partial<Record<MetricSplit, SplitScore | null>>>(rows: readonly R[], split: MetricSplit, metric: ScoreMetric): Set<number> {
  let best = -Infinity;
  for (const row of rows) {
    const value = row[split]?.[metric];
    if (value != null && value > best) best = value;
  }
  const indices = new Set<number>();
  if (best === -Infinity) return indices;
  rows.forEach((row, index) => {
    if (row[split]?.[metric] === best) indices.add(index);
  });
  return indices;
}

/** `linear` → Linear, `rbf` → RBF, `poly-3` → Polynomial (d = 3), as the paper names its rows. */
export function kernelLabel(variant: string): string {
  if (variant === "linear") return "Linear";
  if (variant === "rbf") return "RBF";
  const degree = /^poly-(\d+)$/.exec(variant)?.[1];
  return degree ? `Polynomial (d = ${degree})` : variant;
}

/** C as typed: `0.01`, `1`, `100`; very small or large values in exponent form. */
export function formatC(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential().replace("e+", "e");
  return String(Number(value.toPrecision(6)));
}

export interface KernelChoice {
  /** The run's variant name, also the checkbox's value. */
  key: string;
  kernel: "LINEAR" | "RBF" | "POLY";
  degree: number | null;
}

/**
 * The paper's kernels: linear, RBF and polynomials of degree 2–6, 10 and 20 (the API's default grid),
 * in the order the API's tables use: linear, polynomials by degree, RBF.
 */
export const PAPER_KERNELS: readonly KernelChoice[] = [
  { key: "linear", kernel: "LINEAR", degree: null },
  ...[2, 3, 4, 5, 6, 10, 20].map((degree) => ({ key: `poly-${degree}`, kernel: "POLY" as const, degree })),
  { key: "rbf", kernel: "RBF", degree: null },
];

export const DEFAULT_CS = "0.01, 0.1, 1, 10, 100";

/** The API takes at most 30 values of C. */
export const MAX_CS = 30;

export type ParsedCs = { ok: true; values: number[] } | { ok: false; message: string };

/** `0.01, 0.1 1e2` → [0.01, 0.1, 100]: commas or spaces, positive numbers, no repeats. */
export function parseCs(text: string): ParsedCs {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: "Give at least one value of C." };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value) || value <= 0) return { ok: false, message: `“${part}” is not a positive number.` };
    if (!values.includes(value)) values.push(value);
  }
  if (values.length > MAX_CS) return { ok: false, message: `At most ${MAX_CS} values of C.` };
  return { ok: true, values: values.sort((a, b) => a - b) };
}
