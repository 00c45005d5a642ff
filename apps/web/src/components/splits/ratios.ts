/** Split ratios as people type them (whole or decimal percentages) and as the API wants them (shares summing to 1). */

export interface RatioPercents {
  train: string;
  val: string;
  test: string;
}

/** The paper's proportions (Koc, Koc & Su): 48% training, 20% validation, 32% test. */
export const DEFAULT_PERCENTS: RatioPercents = { train: "48", val: "20", test: "32" };

export type RatioCheck =
  | { ok: true; sum: number; ratios: { train: number; val: number; test: number } }
  | { ok: false; sum: number | null; message: string; field?: keyof RatioPercents };

const FIELDS = ["train", "val", "test"] as const;
const NAMES: Record<keyof RatioPercents, string> = { train: "Train", val: "Validation", test: "Test" };

/**
 * Checks three percentages as they are being typed: each from 0 to 100, together exactly 100 (to
 * a thousandth of a percent, so 33.333 + 33.333 + 33.334 works). Shares go to the API divided by 100.
 */
export function checkRatioPercents(percents: RatioPercents): RatioCheck {
  const values: Record<keyof RatioPercents, number> = { train: 0, val: 0, test: 0 };
  for (const field of FIELDS) {
    const text = percents[field].trim();
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) return { ok: false, sum: null, field, message: `${NAMES[field]}: enter a percentage.` };
    if (value < 0 || value > 100) return { ok: false, sum: null, field, message: `${NAMES[field]}: a percentage from 0 to 100.` };
    values[field] = value;
  }
  // Sum in thousandths, so that binary fractions (0.1 + 0.2) do not make 100 look like 99.99999.
  const sum = Math.round((values.train + values.val + values.test) * 1000) / 1000;
  if (sum !== 100) return { ok: false, sum, message: `The three add up to ${formatPercent(sum)}; they must add up to 100%.` };
  return { ok: true, sum, ratios: { train: values.train / 100, val: values.val / 100, test: values.test / 100 } };
}

/** `48%`, `33.3%`: at most one decimal. */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(1)).toLocaleString("en")}%`;
}

/** A version's ratios as one line, `48 / 20 / 32`. */
export function formatRatios(ratios: { train: number; val: number; test: number }): string {
  return [ratios.train, ratios.val, ratios.test].map((share) => Number((share * 100).toFixed(1)).toLocaleString("en")).join(" / ");
}

/** A seed for a new split: any 31-bit number, as the API picks when none is given. */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
