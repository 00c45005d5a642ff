import { itemAgreement } from "./item-agreement.ts";

/**
 * Observed agreement as usually reported: per item, the share of its pairs of ratings that agree
 * (P_i, see itemAgreement), then the mean over items, every item weighing the same (Fleiss' P̄).
 * Items with fewer than two ratings have no pairs and are skipped.
 *
 * `table`: items × categories, n_ij = raters who put item i in category j (missing raters simply not counted).
 * Returns a share in [0, 1], or null when no item has two ratings.
 */
export function percentAgreement(table: readonly (readonly number[])[]): number | null {
  let sum = 0;
  let rated = 0;
  for (const counts of table) {
    const agreement = itemAgreement(counts);
    if (agreement === null) continue;
    sum += agreement;
    rated += 1;
  }
  return rated === 0 ? null : sum / rated;
}
