/**
 * The decisions a labeller has made that the API has not confirmed yet, as plain data. Labels and
 * undos go out in the order they were made; the pure functions here decide what is still worth
 * sending (a label changed before it left is sent once, a label undone before it left is not sent
 * at all) and what goes in the next request.
 */
// zod's small build: this module ships to the browser with every labelling screen.
import { z } from "zod/mini";
import { LABELS, type Label } from "./labels";

export type OutboxOp =
  | { kind: "label"; frameId: string; label: Label; rules: string[]; durationMs: number | null }
  | { kind: "undo"; frameId: string };

export interface OutboxState {
  /** Not sent yet, oldest first. */
  waiting: OutboxOp[];
  /** Sent, no answer yet (one request at a time keeps the order). */
  inFlight: OutboxOp[];
  /** Frames whose label may be stored by the API (a label went out; no undo after it). */
  stored: string[];
}

export const emptyOutbox = (): OutboxState => ({ waiting: [], inFlight: [], stored: [] });

/** The most decisions `submitLabels` takes at once. */
export const MAX_BATCH = 200;

/** Adds a label; an unsent label of the same frame (since its last undo) is replaced, not sent twice. */
export function addLabel(state: OutboxState, op: Omit<Extract<OutboxOp, { kind: "label" }>, "kind">): OutboxState {
  const waiting = dropLabelsSinceUndo(state.waiting, op.frameId);
  return { ...state, waiting: [...waiting, { kind: "label", ...op }] };
}

/**
 * Adds an undo. Unsent labels of the frame are dropped; the API hears of the undo only when it may
 * hold a label of ours for the frame (sent earlier, or on its way now).
 */
export function addUndo(state: OutboxState, frameId: string): OutboxState {
  const waiting = dropLabelsSinceUndo(state.waiting, frameId);
  const lastOwn = waiting.findLast((op) => op.frameId === frameId);
  if (lastOwn?.kind === "undo") return { ...state, waiting };
  const inFlight = state.inFlight.findLast((op) => op.frameId === frameId);
  const mayBeStored = inFlight ? inFlight.kind === "label" : state.stored.includes(frameId);
  return { ...state, waiting: mayBeStored ? [...waiting, { kind: "undo", frameId }] : waiting };
}

function dropLabelsSinceUndo(waiting: OutboxOp[], frameId: string): OutboxOp[] {
  const lastUndo = waiting.findLastIndex((op) => op.kind === "undo" && op.frameId === frameId);
  return waiting.filter((op, index) => !(op.kind === "label" && op.frameId === frameId && index > lastUndo));
}

/**
 * The next request: an undo on its own, or a run of labels (at most `max`, each frame once, since
 * one request must not say two things about a frame). Nothing while a request is out.
 */
export function takeBatch(state: OutboxState, max = MAX_BATCH): { state: OutboxState; batch: OutboxOp[] } {
  if (state.inFlight.length > 0 || state.waiting.length === 0) return { state, batch: [] };
  const [head] = state.waiting;
  let size = 1;
  if (head?.kind === "label") {
    const frames = new Set([head.frameId]);
    for (const op of state.waiting.slice(1)) {
      if (size >= max || op.kind !== "label" || frames.has(op.frameId)) break;
      frames.add(op.frameId);
      size += 1;
    }
  }
  const batch = state.waiting.slice(0, size);
  return { state: { ...state, waiting: state.waiting.slice(size), inFlight: batch }, batch };
}

/** The API answered: the batch is done (accepted or refused, per decision). */
export function settleBatch(state: OutboxState): OutboxState {
  const stored = new Set(state.stored);
  for (const op of state.inFlight) {
    if (op.kind === "label") stored.add(op.frameId);
    else stored.delete(op.frameId);
  }
  return { ...state, inFlight: [], stored: [...stored] };
}

/** The request did not get through: it goes back to the front, to be sent again. */
export function requeueBatch(state: OutboxState): OutboxState {
  return { ...state, waiting: [...state.inFlight, ...state.waiting], inFlight: [] };
}

export const pendingCount = (state: OutboxState) => state.waiting.length + state.inFlight.length;

const frameId = z.string().check(z.minLength(1));
const opSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("label"), frameId, label: z.enum(LABELS), rules: z.array(z.string()), durationMs: z.nullable(z.int().check(z.gte(0))) }),
  z.object({ kind: z.literal("undo"), frameId }),
]);

const savedSchema = z.object({ ops: z.array(opSchema), stored: z.array(z.string()) });

/** What survives a reload (sessionStorage): everything unconfirmed, in order, in flight included. */
export function serialiseOutbox(state: OutboxState): string {
  return JSON.stringify({ ops: [...state.inFlight, ...state.waiting], stored: state.stored });
}

/** Reads what `serialiseOutbox` wrote; anything unreadable is reported, not half-trusted. */
export function parseOutbox(text: string | null): { state: OutboxState; error: string | null } {
  if (!text) return { state: emptyOutbox(), error: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: emptyOutbox(), error: `Saved decisions are not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  const parsed = savedSchema.safeParse(json);
  if (!parsed.success) return { state: emptyOutbox(), error: `Saved decisions are unreadable: ${parsed.error.issues[0]?.message ?? "bad shape"}.` };
  return { state: { waiting: parsed.data.ops, inFlight: [], stored: parsed.data.stored }, error: null };
}
