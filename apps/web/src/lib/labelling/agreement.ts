/** Words and colours for agreement figures (κ, α), after Landis & Koch (1977). */

export interface Band {
  words: string;
  /** Tailwind classes for a matrix cell. */
  cell: string;
  /** Tailwind class for a bar. */
  bar: string;
}

const BANDS: { below: number; band: Band }[] = [
  { below: 0, band: { words: "poor", cell: "bg-red-100 text-red-900", bar: "bg-red-500" } },
  { below: 0.2, band: { words: "slight", cell: "bg-orange-100 text-orange-900", bar: "bg-orange-400" } },
  { below: 0.4, band: { words: "fair", cell: "bg-amber-100 text-amber-900", bar: "bg-amber-400" } },
  { below: 0.6, band: { words: "moderate", cell: "bg-yellow-100 text-yellow-900", bar: "bg-yellow-400" } },
  { below: 0.8, band: { words: "substantial", cell: "bg-lime-200 text-lime-950", bar: "bg-lime-500" } },
  { below: Number.POSITIVE_INFINITY, band: { words: "almost perfect", cell: "bg-emerald-300 text-emerald-950", bar: "bg-emerald-500" } },
];

const NO_DATA: Band = { words: "not enough data", cell: "bg-slate-50 text-slate-400", bar: "bg-slate-300" };

/**
 * Landis & Koch's words: < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate,
 * 0.61–0.80 substantial, 0.81–1 almost perfect. Null (too few shared frames) has its own words.
 */
export function agreementBand(value: number | null | undefined): Band {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  // Boundaries belong to the lower band (0.20 is still "slight"), as in the paper's table.
  const rounded = Math.round(value * 100) / 100;
  for (const { below, band } of BANDS) {
    if (below === 0 ? rounded < 0 : rounded <= below) return band;
  }
  return NO_DATA;
}

/** κ or α with two decimals (`0.47`, `−0.12`); a dash for null. */
export function formatCoefficient(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = Math.abs(value).toFixed(2);
  return value < -0.005 ? `−${text}` : text;
}

/** A 0–1 share as a whole percentage (`87%`); a dash for null. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${Math.round(value * 100)}%`;
}

/** Decisions per hour for people: `412/h`, `—` without durations. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${Math.round(value).toLocaleString("en")}/h`;
}

/** `part` of `whole` as a bounded percentage for bars. */
export function percentOf(part: number, whole: number): number {
  if (!whole || !Number.isFinite(part)) return 0;
  return Math.min(100, Math.max(0, (part / whole) * 100));
}
