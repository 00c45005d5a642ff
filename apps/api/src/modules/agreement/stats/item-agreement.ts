/**
 * P_i of one item: the share of agreeing pairs among its ratings, Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)).
 * `counts`: n_ij, how many raters put the item in category j (n_i = their sum).
 * Null below two ratings (no pair to compare).
 */
export function itemAgreement(counts: readonly number[]): number | null {
  let n = 0;
  let agreeingPairs = 0;
  for (const count of counts) {
    n += count;
    agreeingPairs += count * (count - 1);
  }
  return n < 2 ? null : agreeingPairs / (n * (n - 1));
}
