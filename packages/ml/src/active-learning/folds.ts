/**
 * Fold of each row for k-fold cross-validation, keeping each group (scene) in one fold: frames of a
 * scene are near-copies, and a copy in the training folds would vouch for its twin's label, right or
 * wrong. Groups are dealt round-robin by label (FACE groups first, each class in order of first
 * appearance), so every fold gets its share of both classes. A null group is a group of its own.
 */
export function assignGroupFolds(options: {
  groups: readonly (string | null)[]; // n
  labels: Uint8Array; // n: 1 = FACE, 0 = no face
  folds: number;
}): Int32Array {
  const { groups, labels, folds } = options;
  if (groups.length !== labels.length) throw new RangeError(`${groups.length} groups for ${labels.length} labels`);
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`cross-validation needs at least 2 folds, got ${folds}`);
  const keyOf = (i: number) => groups[i] ?? `row:${i}`;
  const firstRow = new Map<string, number>();
  const faces = new Map<string, number>();
  for (let i = 0; i < groups.length; i++) {
    const key = keyOf(i);
    if (!firstRow.has(key)) firstRow.set(key, i);
    faces.set(key, (faces.get(key) ?? 0) + (labels[i] === 1 ? 1 : -1));
  }
  const ordered = [...firstRow.keys()].sort((a, b) => {
    const classA = (faces.get(a) ?? 0) >= 0 ? 0 : 1;
    const classB = (faces.get(b) ?? 0) >= 0 ? 0 : 1;
    return classA - classB || (firstRow.get(a) ?? 0) - (firstRow.get(b) ?? 0);
  });
  const foldOfGroup = new Map(ordered.map((key, k) => [key, k % folds]));
  return Int32Array.from(groups, (_, i) => foldOfGroup.get(keyOf(i)) ?? 0);
}
