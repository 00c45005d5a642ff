/** Shares of the non-distinct frames that go to training, validation and the derivative test set. */
export interface SplitRatios {
  train: number;
  val: number;
  test: number;
}

/** The paper's proportions (Koc, Koc & Su): 48% training, 20% validation, 32% test. */
export const DEFAULT_RATIOS: SplitRatios = { train: 0.48, val: 0.2, test: 0.32 };

/** How far the three ratios may sum from 1 (they are typed by people: 0.48 + 0.2 + 0.32 is not exactly 1 in binary). */
export const RATIO_SUM_TOLERANCE = 1e-6;

/** What is wrong with `ratios`, for people; null when they are usable. */
export function ratiosProblem(ratios: SplitRatios): string | null {
  const values = [ratios.train, ratios.val, ratios.test];
  if (values.some((value) => !Number.isFinite(value) || value < 0)) return "Each ratio must be a number of 0 or more.";
  const sum = values.reduce((total, value) => total + value, 0);
  if (Math.abs(sum - 1) > RATIO_SUM_TOLERANCE) return `Ratios must sum to 1 (train + val + test = ${Number(sum.toFixed(9))}).`;
  return null;
}

export class InvalidRatiosError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidRatiosError";
  }
}
