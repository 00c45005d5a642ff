/**
 * Krippendorff's α for nominal data with missing values, by the coincidence matrix
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
 *
 * - each unit u with m_u ≥ 2 values contributes o_ck += n_uc · n_uk / (m_u − 1) for c ≠ k
 *   (and n_uc(n_uc − 1) / (m_u − 1) on the diagonal); units with one value are unpairable and dropped;
 * - n_c = Σ_k o_ck (= the pairable values in c), n = Σ_c n_c;
 * - α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k.
 *
 * `table`: units × values, n_uc = observers who gave unit u the value c (missing observers not counted).
 * Returns null when there are no pairable values, or when they all fall in one category
 * (expected disagreement 0: α is 0/0, undefined).
 */
export function krippendorffAlpha(table: readonly (readonly number[])[]): number | null {
  let observedDisagreement = 0; // Σ_{c≠k} o_ck
  const marginals: number[] = []; // n_c
  for (const counts of table) {
    let m = 0;
    let sumOfSquares = 0;
    for (const count of counts) {
      m += count;
      sumOfSquares += count * count;
    }
    if (m < 2) continue;
    for (const [c, count] of counts.entries()) marginals[c] = (marginals[c] ?? 0) + count;
    // Σ_{c≠k} n_uc n_uk = m² − Σ_c n_uc²
    observedDisagreement += (m * m - sumOfSquares) / (m - 1);
  }
  const used = marginals.filter((count) => count > 0);
  if (used.length < 2) return null;
  const n = used.reduce((sum, count) => sum + count, 0);
  const expectedDisagreement = n * n - used.reduce((sum, count) => sum + count * count, 0); // Σ_{c≠k} n_c n_k
  return 1 - ((n - 1) * observedDisagreement) / expectedDisagreement;
}
