/**
 * Keyboard shortcuts of the labelling screens, as pure functions of a key event's fields so that
 * the mapping can be tested without a browser. The screens call these from one keydown listener.
 */
import type { Label } from "./labels";

/** The parts of a KeyboardEvent the mapping looks at. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Held down: auto-repeat must not label a run of frames. */
  repeat?: boolean;
  /** The event came from a text field (the reviewer's note, the grid size select…). */
  editable?: boolean;
}

export type SingleAction =
  | { type: "label"; label: Label }
  | { type: "undo" }
  | { type: "back" }
  | { type: "forward" }
  | { type: "toggleRule"; index: number }
  | { type: "help" }
  | { type: "closeHelp" };

export type GridAction =
  | { type: "digit"; digit: number }
  | { type: "toggleDefault" }
  | { type: "unsure" }
  | { type: "flipCursor" }
  | { type: "moveCursor"; dx: number; dy: number }
  | { type: "submit" }
  | { type: "help" }
  | { type: "closeHelp" };

export type ReviewAction = { type: "adjudicate"; label: "FACE" | "NO_FACE" } | { type: "skip" } | { type: "help" } | { type: "closeHelp" };

const LETTER_LABELS: Record<string, Label> = { f: "FACE", n: "NO_FACE", u: "UNSURE" };

/** Shortcuts stay out of the way of the browser's own (Ctrl+R, Cmd+Z…) and of typing. */
function ignored(input: KeyInput): boolean {
  return Boolean(input.ctrlKey || input.metaKey || input.altKey || input.editable);
}

/** Escape closes the help even from a text field. */
function helpAction(input: KeyInput): { type: "help" } | { type: "closeHelp" } | null {
  if (input.key === "Escape") return { type: "closeHelp" };
  if (ignored(input)) return null;
  return input.key === "?" ? { type: "help" } : null;
}

/** Single-frame mode: F / N / U, Z or Backspace, ← / →, 1–9 for the rule checkboxes, ?. */
export function singleKeyAction(input: KeyInput, ruleCount: number): SingleAction | null {
  const help = helpAction(input);
  if (help || ignored(input)) return help;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const label = LETTER_LABELS[key];
  if (label) return input.repeat ? null : { type: "label", label };
  if (key === "z" || key === "Backspace") return input.repeat ? null : { type: "undo" };
  if (key === "ArrowLeft") return { type: "back" };
  if (key === "ArrowRight") return { type: "forward" };
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < ruleCount && !input.repeat ? { type: "toggleRule", index } : null;
  }
  return null;
}

/** Grid mode: digits pick a tile, D flips the page default, U marks unsure, arrows and Space, Enter. */
export function gridKeyAction(input: KeyInput): GridAction | null {
  const help = helpAction(input);
  if (help || ignored(input)) return help;
  if (input.repeat && !input.key.startsWith("Arrow")) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (/^[0-9]$/.test(key)) return { type: "digit", digit: Number(key) };
  switch (key) {
    case "d":
      return { type: "toggleDefault" };
    case "u":
      return { type: "unsure" };
    case " ":
      return { type: "flipCursor" };
    case "Enter":
      return { type: "submit" };
    case "ArrowLeft":
      return { type: "moveCursor", dx: -1, dy: 0 };
    case "ArrowRight":
      return { type: "moveCursor", dx: 1, dy: 0 };
    case "ArrowUp":
      return { type: "moveCursor", dx: 0, dy: -1 };
    case "ArrowDown":
      return { type: "moveCursor", dx: 0, dy: 1 };
    default:
      return null;
  }
}

/** Review: F or N settles the frame, S or → skips it for now. */
export function reviewKeyAction(input: KeyInput): ReviewAction | null {
  const help = helpAction(input);
  if (help || ignored(input) || input.repeat) return help;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (key === "f") return { type: "adjudicate", label: "FACE" };
  if (key === "n") return { type: "adjudicate", label: "NO_FACE" };
  if (key === "s" || key === "ArrowRight") return { type: "skip" };
  return null;
}

/**
 * Tile numbers typed as digits. With up to 9 tiles a digit is a tile at once; with more, a digit that
 * could start a longer valid number waits for the next one (or for `DIGIT_WAIT_MS`, after which the
 * screen calls `flushDigits`), like typing a channel number on a remote.
 */
export const DIGIT_WAIT_MS = 600;

export interface DigitState {
  pending: string;
}

export function pushDigit(state: DigitState, digit: number, tileCount: number): { state: DigitState; tiles: number[] } {
  const typed = `${state.pending}${digit}`;
  const value = Number(typed);
  if (value < 1 || value > tileCount) {
    // "0" alone, or past the last tile: the number typed so far was complete; this digit starts the next.
    if (state.pending === "") return { state: { pending: "" }, tiles: [] };
    const next = pushDigit({ pending: "" }, digit, tileCount);
    return { state: next.state, tiles: [Number(state.pending), ...next.tiles] };
  }
  // Could another digit make a valid, larger tile number? Then wait for it.
  if (value * 10 <= tileCount) return { state: { pending: typed }, tiles: [] };
  return { state: { pending: "" }, tiles: [value] };
}

/** The wait is over: a pending number is taken as it is. */
export function flushDigits(state: DigitState): { state: DigitState; tiles: number[] } {
  const value = Number(state.pending);
  return { state: { pending: "" }, tiles: state.pending && value >= 1 ? [value] : [] };
}

/** True when a keydown came from somewhere people type (so shortcuts must not fire). */
export function isEditableTarget(target: unknown): boolean {
  if (!target || typeof target !== "object" || !("tagName" in target) || typeof target.tagName !== "string") return false;
  if ("isContentEditable" in target && target.isContentEditable === true) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  const type = "type" in target && typeof target.type === "string" ? target.type : "text";
  return tag === "INPUT" && !["checkbox", "radio", "button", "submit"].includes(type);
}
