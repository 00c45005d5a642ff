/** A labelled row whose out-of-fold decision contradicts its label. */
export type LabelSuspect = {
  index: number;
  /** The out-of-fold decision value; its sign is the opposite of the label's. */
  decision: number;
};

/**
 * Rows whose cross-validated decision value disagrees with their label by more than `margin`
 * (default 1: beyond the SVM's own margin on the wrong side, so not merely a hard, borderline frame).
 * Most confident contradictions first. Rows without a decision (NaN) are never suspects.
 */
export function findLabelSuspects(options: {
  decisions: Float64Array; // n: out-of-fold decision values (positive = FACE)
  labels: Uint8Array; // n: 1 = FACE, 0 = no face
  margin?: number;
}): LabelSuspect[] {
  const { decisions, labels } = options;
  const margin = options.margin ?? 1;
  if (decisions.length !== labels.length) throw new RangeError(`${decisions.length} decisions for ${labels.length} labels`);
  if (!(margin >= 0)) throw new RangeError(`margin must be a non-negative number, got ${margin}`);
  const suspects: LabelSuspect[] = [];
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i] as number;
    if (Number.isNaN(decision)) continue;
    const against = labels[i] === 1 ? -decision : decision; // how far it sits on the other class's side
    if (against > margin) suspects.push({ index: i, decision });
  }
  return suspects.sort((a, b) => Math.abs(b.decision) - Math.abs(a.decision) || a.index - b.index);
}
