import type { Label, LabelStatus } from "@kao/db";

export type RejectionCode = "NOT_FOUND" | "NO_CAPACITY" | "CLOSED" | "INVALID";

/** What a decision finds, read under the frame's row lock. */
export interface FrameLabelState {
  labelStatus: LabelStatus;
  labelCount: number;
  adjudicated: boolean;
  /** Unexpired leases of other people. */
  otherLeases: number;
  /** Whether the decider holds an unexpired lease. */
  myLease: boolean;
  /** The decider's current label, if any. */
  mine: { label: Label; rules: string[] } | null;
}

export type Outcome = { kind: "noop" | "create" | "change" } | { kind: "reject"; code: RejectionCode; message: string };

const sameRules = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((rule) => b.includes(rule));

/**
 * The decision rules of docs/labelling.md: the same label again changes nothing (a double submit is
 * harmless), a frame with a reviewer is closed, your own label can change, and a new label needs a
 * live lease or room (labels + others' live leases < overlap) — never more labels than the overlap.
 */
export function decideLabel(state: FrameLabelState, decision: { label: Label; rules: readonly string[] }, overlap: number): Outcome {
  if (state.mine && state.mine.label === decision.label && sameRules(state.mine.rules, decision.rules)) return { kind: "noop" };
  if (state.adjudicated) return { kind: "reject", code: "CLOSED", message: "A reviewer has decided this frame; it can no longer be labelled." };
  if (state.labelStatus === "REVIEW") return { kind: "reject", code: "CLOSED", message: "This frame is waiting for a reviewer; it can no longer be labelled." };
  if (state.mine) return { kind: "change" };
  const room = state.myLease ? state.labelCount < overlap : state.labelCount + state.otherLeases < overlap;
  if (!room) return { kind: "reject", code: "NO_CAPACITY", message: "Enough people have labelled this frame (or are labelling it); take the next one." };
  return { kind: "create" };
}
