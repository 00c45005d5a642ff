/**
 * Single-frame labelling as a pure state machine: the leased frames still to do, the frames decided
 * in this session (← / → walk back through them, a key pressed there changes the label), undo, and
 * the rule checkboxes of the frame on screen. The screen turns the returned effects into outbox calls.
 */
import type { Label, LabelFrame } from "./labels";

export type DecisionStatus = "sending" | "saved" | "rejected";

export interface Decided {
  frame: LabelFrame;
  label: Label;
  rules: string[];
  status: DecisionStatus;
  /** What the API last stored for us on this frame (an undo must reach it; a refused change falls back to it). */
  saved: { label: Label; rules: string[] } | null;
  /** Why the API refused the latest decision (a new label, or a change of a saved one). */
  rejection: string | null;
}

export interface SingleSession {
  /** Leased frames not decided yet; the first is on screen unless `cursor` points back. */
  upcoming: LabelFrame[];
  /** Decided in this session, in the order decided. */
  history: Decided[];
  /** An index into `history` while looking back; null shows `upcoming[0]`. */
  cursor: number | null;
  /** Rule checkboxes of the frame on screen. */
  rules: string[];
  /** Rules ticked on the next new frame, kept while looking back. */
  headRules: string[];
}

export interface DecisionEffect {
  frameId: string;
  label: Label;
  rules: string[];
}

export const startSession = (frames: LabelFrame[] = []): SingleSession => ({ upcoming: dedupe(frames), history: [], cursor: null, rules: [], headRules: [] });

function dedupe(frames: LabelFrame[]): LabelFrame[] {
  const seen = new Set<string>();
  return frames.filter((frame) => !seen.has(frame.id) && seen.add(frame.id));
}

/** The frame on screen and, when looking back, its decision. */
export function shownFrame(state: SingleSession): { frame: LabelFrame; decided: Decided | null } | null {
  if (state.cursor !== null) {
    const decided = state.history[state.cursor];
    return decided ? { frame: decided.frame, decided } : null;
  }
  const frame = state.upcoming[0];
  return frame ? { frame, decided: null } : null;
}

/**
 * Frames from a refill, minus those already queued or decided (the API returns the caller's own
 * leases first, and a decision still on its way keeps its lease). `skip` adds frames to leave out.
 */
export function addFrames(state: SingleSession, frames: LabelFrame[], skip: ReadonlySet<string> = new Set()): { state: SingleSession; added: number } {
  const known = new Set([...state.upcoming.map((frame) => frame.id), ...state.history.map((entry) => entry.frame.id), ...skip]);
  const fresh = dedupe(frames).filter((frame) => !known.has(frame.id));
  if (fresh.length === 0) return { state, added: 0 };
  return { state: { ...state, upcoming: [...state.upcoming, ...fresh] }, added: fresh.length };
}

/** Leaves out queued frames that already have a decision on its way (sent from before a reload). */
export function dropQueued(state: SingleSession, frameIds: ReadonlySet<string>): SingleSession {
  const upcoming = state.upcoming.filter((frame) => !frameIds.has(frame.id));
  return upcoming.length === state.upcoming.length ? state : { ...state, upcoming };
}

/** A label key: decides the frame on screen (or changes a past decision) and moves on. */
export function decide(state: SingleSession, label: Label): { state: SingleSession; effect: DecisionEffect | null } {
  const rules = [...state.rules];
  if (state.cursor === null) {
    const [frame, ...rest] = state.upcoming;
    if (!frame) return { state, effect: null };
    const entry: Decided = { frame, label, rules, status: "sending", saved: null, rejection: null };
    return {
      state: { ...state, upcoming: rest, history: [...state.history, entry], rules: [], headRules: [] },
      effect: { frameId: frame.id, label, rules },
    };
  }
  const index = state.cursor;
  const entry = state.history[index];
  if (!entry) return { state, effect: null };
  const unchanged = entry.label === label && sameRules(entry.rules, rules) && entry.rejection === null;
  const history = unchanged ? state.history : state.history.map((item, i) => (i === index ? { ...item, label, rules, status: "sending" as const, rejection: null } : item));
  const moved = moveTo({ ...state, history }, index + 1 < history.length ? index + 1 : null);
  return { state: moved, effect: unchanged ? null : { frameId: entry.frame.id, label, rules } };
}

/**
 * Z / Backspace: takes back the latest decision and shows that frame again. `sendUndo` says whether
 * the API must hear of it (not for a decision it refused without ever storing one of ours).
 */
export function undoLast(state: SingleSession): { state: SingleSession; undone: { frameId: string; sendUndo: boolean } | null } {
  const last = state.history.at(-1);
  if (!last) return { state, undone: null };
  const history = state.history.slice(0, -1);
  const neverStored = last.status === "rejected" && last.saved === null;
  // A refused frame is not ours to label again: it is dropped, not shown again.
  const upcoming = neverStored ? state.upcoming : [last.frame, ...state.upcoming];
  return {
    state: { ...state, history, upcoming, cursor: null, rules: neverStored ? state.headRules : last.rules, headRules: neverStored ? state.headRules : last.rules },
    undone: { frameId: last.frame.id, sendUndo: !neverStored },
  };
}

/** ←: one decision further back. */
export function goBack(state: SingleSession): SingleSession {
  if (state.history.length === 0) return state;
  const target = state.cursor === null ? state.history.length - 1 : Math.max(0, state.cursor - 1);
  return moveTo(state, target);
}

/** →: one decision forward, then back to the next new frame. */
export function goForward(state: SingleSession): SingleSession {
  if (state.cursor === null) return state;
  return moveTo(state, state.cursor + 1 < state.history.length ? state.cursor + 1 : null);
}

function moveTo(state: SingleSession, cursor: number | null): SingleSession {
  if (cursor === null) return { ...state, cursor, rules: state.headRules };
  return { ...state, cursor, rules: state.history[cursor]?.rules ?? [] };
}

/** 1–9 or a click: ticks or unticks a rule for the frame on screen. */
export function toggleRule(state: SingleSession, rule: string): SingleSession {
  const rules = state.rules.includes(rule) ? state.rules.filter((name) => name !== rule) : [...state.rules, rule];
  return { ...state, rules, headRules: state.cursor === null ? rules : state.headRules };
}

/**
 * The API's answer: a decision stored (still "sending" if a newer change of it is on its way), or
 * refused with its reason. A refused change keeps the label the API holds, and says why.
 */
export function settleDecisions(
  state: SingleSession,
  accepted: readonly { frameId: string; label: Label; rules: readonly string[] }[],
  rejected: readonly { frameId: string; message: string }[],
): SingleSession {
  if (accepted.length === 0 && rejected.length === 0) return state;
  const stored = new Map(accepted.map((item) => [item.frameId, item]));
  const refused = new Map(rejected.map((item) => [item.frameId, item.message]));
  const history = state.history.map((entry): Decided => {
    const ok = stored.get(entry.frame.id);
    if (ok) {
      const current = ok.label === entry.label && sameRules(ok.rules, entry.rules);
      return { ...entry, status: current ? "saved" : "sending", saved: { label: ok.label, rules: [...ok.rules] }, rejection: null };
    }
    const message = refused.get(entry.frame.id);
    if (message === undefined) return entry;
    if (entry.saved) return { ...entry, label: entry.saved.label, rules: entry.saved.rules, status: "saved", rejection: message };
    return { ...entry, status: "rejected", rejection: message };
  });
  return { ...state, history };
}

/** Decisions of this session that count (sent or saved, not refused). */
export const sessionCount = (state: SingleSession) => state.history.filter((entry) => entry.status !== "rejected").length;

function sameRules(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((rule) => b.includes(rule));
}
