import type { ConsensusMethod, Label, LabelStatus } from "@kao/db";

export type Settlement =
  | { status: Exclude<LabelStatus, "DONE">; consensus: null }
  | { status: "DONE"; consensus: { label: Label; method: Exclude<ConsensusMethod, "ADJUDICATED"> } };

/**
 * The consensus rule of docs/labelling.md: a frame stays OPEN until `overlap` people labelled it;
 * then all equal (none UNSURE) is UNANIMOUS, more than half equal (none UNSURE) is MAJORITY, and
 * anything else (a tie, any UNSURE) goes to REVIEW. Adjudicated frames never come here.
 */
export function settleFrame(labels: readonly Label[], overlap: number): Settlement {
  if (labels.length === 0 || labels.length < overlap) return { status: "OPEN", consensus: null };
  if (labels.includes("UNSURE")) return { status: "REVIEW", consensus: null };
  const counts = new Map<Label, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [top, topCount] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["UNSURE", 0];
  if (topCount === labels.length) return { status: "DONE", consensus: { label: top, method: "UNANIMOUS" } };
  if (topCount * 2 > labels.length) return { status: "DONE", consensus: { label: top, method: "MAJORITY" } };
  return { status: "REVIEW", consensus: null };
}
