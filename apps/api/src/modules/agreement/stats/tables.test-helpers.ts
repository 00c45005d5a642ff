// Builders of count tables for the statistics' tests: the functions take counts (as the SQL gives
// them), the published examples and the property tests are easier to write as ratings.

/** Items × categories counts from each item's ratings (category = index into `categories`). */
export function tally<C>(items: readonly (readonly C[])[], categories: readonly C[]): number[][] {
  return items.map((ratings) => categories.map((category) => ratings.filter((rating) => rating === category).length));
}

/** A k × k confusion matrix from [rater A, rater B] pairs. */
export function confusion<C>(pairs: readonly (readonly [C, C])[], categories: readonly C[]): number[][] {
  return categories.map((a) => categories.map((b) => pairs.filter(([x, y]) => x === a && y === b).length));
}

export const LABELS = ["FACE", "NO_FACE", "UNSURE"] as const;

// Fleiss (1971) as worked in Wikipedia's "Fleiss' kappa" article: 10 subjects, 14 raters, 5 categories.
export const WIKIPEDIA_FLEISS_TABLE = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];
