/**
 * Labelling-queue priorities (higher = labelled sooner) from decision values and a selected batch.
 * Batch members come first, in pick order: priority 1 + (batch length − rank), so all above 1.
 * Every other candidate gets 1 / (1 + |decision|), in (0, 1]: the queue still prefers the uncertain
 * ones once the batch is labelled. Candidates without a decision (NaN) get 0, like unscored frames.
 */
export function scorePriorities(options: {
  decisions: Float64Array; // n
  batch: readonly number[]; // candidate indices, in pick order
}): Float64Array {
  const { decisions, batch } = options;
  const priorities = new Float64Array(decisions.length);
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i] as number;
    priorities[i] = Number.isNaN(decision) ? 0 : 1 / (1 + Math.abs(decision));
  }
  batch.forEach((index, rank) => {
    if (!Number.isInteger(index) || index < 0 || index >= decisions.length) throw new RangeError(`batch index ${index} is not a candidate (0…${decisions.length - 1})`);
    priorities[index] = 1 + (batch.length - rank);
  });
  return priorities;
}
