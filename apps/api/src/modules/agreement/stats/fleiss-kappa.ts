import { itemAgreement } from "./item-agreement.ts";

/**
 * Fleiss' κ, generalised to a number of raters that varies from item to item (kao's frames get
 * `overlap` labels, but overlap can change and reviewers may add labels):
 *
 * - P_i = Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)) per item, with its own n_i (the standard per-item agreement);
 * - P̄ = the unweighted mean of P_i over items with n_i ≥ 2 (items with one rating are left out entirely);
 * - p_j = (ratings in category j) / (all ratings), pooled over those items, so an item with more raters
 *   weighs more in p_j; P_e = Σ_j p_j²;
 * - κ = (P̄ − P_e) / (1 − P_e).
 *
 * With the same n for every item this is exactly Fleiss (1971). Other generalisations weight P_i by
 * n_i(n_i − 1); this one keeps P̄ equal to the percent agreement reported beside it.
 *
 * `table`: items × categories, n_ij = raters who put item i in category j.
 * Returns null when no item has two ratings, or when P_e = 1 (a single category overall: 0/0).
 */
export function fleissKappa(table: readonly (readonly number[])[]): number | null {
  let agreementSum = 0;
  let itemCount = 0;
  const totals: number[] = [];
  for (const counts of table) {
    const agreement = itemAgreement(counts);
    if (agreement === null) continue;
    agreementSum += agreement;
    itemCount += 1;
    for (const [j, count] of counts.entries()) totals[j] = (totals[j] ?? 0) + count;
  }
  if (itemCount === 0) return null;
  const used = totals.filter((total) => total > 0);
  // One category means P_e = 1 exactly; checked on counts so rounding cannot hide it.
  if (used.length === 1) return null;
  const all = used.reduce((sum, total) => sum + total, 0);
  const expected = used.reduce((sum, total) => sum + (total / all) ** 2, 0);
  const observed = agreementSum / itemCount;
  return (observed - expected) / (1 - expected);
}
