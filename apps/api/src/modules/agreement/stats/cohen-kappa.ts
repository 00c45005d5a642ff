/**
 * Cohen's κ for two raters over the items both rated: κ = (p_o − p_e) / (1 − p_e), where p_o is the
 * share of items they agree on and p_e = Σ_j a_j b_j / N² the agreement expected from each rater's
 * own category frequencies (row and column totals a_j, b_j).
 *
 * `confusion`: k × k counts, confusion[i][j] = items rater A put in category i and rater B in j.
 * Returns null when there are no items, or when p_e = 1 (both raters used one and the same category
 * throughout: κ is 0/0 then, undefined rather than perfect). p_e is compared exactly, on integer counts.
 */
export function cohenKappa(confusion: readonly (readonly number[])[]): number | null {
  const k = confusion.length;
  const rows = confusion.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columns = Array.from({ length: k }, (_, j) => confusion.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const n = rows.reduce((sum, count) => sum + count, 0);
  if (n === 0) return null;
  const agreed = confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const expectedTimesN2 = rows.reduce((sum, count, i) => sum + count * (columns[i] ?? 0), 0);
  if (expectedTimesN2 === n * n) return null;
  return (agreed * n - expectedTimesN2) / (n * n - expectedTimesN2);
}
