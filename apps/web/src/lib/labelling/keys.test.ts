import { describe, expect, it } from "vitest";
import { flushDigits, gridKeyAction, isEditableTarget, pushDigit, reviewKeyAction, singleKeyAction } from "./keys";

describe("singleKeyAction", () => {
  it("maps F, N and U to labels, either case", () => {
    expect(singleKeyAction({ key: "f" }, 3)).toEqual({ type: "label", label: "FACE" });
    expect(singleKeyAction({ key: "F" }, 3)).toEqual({ type: "label", label: "FACE" });
    expect(singleKeyAction({ key: "n" }, 3)).toEqual({ type: "label", label: "NO_FACE" });
    expect(singleKeyAction({ key: "U" }, 3)).toEqual({ type: "label", label: "UNSURE" });
  });

  it("undoes with Z or Backspace and moves with the arrows", () => {
    expect(singleKeyAction({ key: "z" }, 3)).toEqual({ type: "undo" });
    expect(singleKeyAction({ key: "Backspace" }, 3)).toEqual({ type: "undo" });
    expect(singleKeyAction({ key: "ArrowLeft" }, 3)).toEqual({ type: "back" });
    expect(singleKeyAction({ key: "ArrowRight" }, 3)).toEqual({ type: "forward" });
  });

  it("toggles only the rules that exist", () => {
    expect(singleKeyAction({ key: "1" }, 3)).toEqual({ type: "toggleRule", index: 0 });
    expect(singleKeyAction({ key: "3" }, 3)).toEqual({ type: "toggleRule", index: 2 });
    expect(singleKeyAction({ key: "4" }, 3)).toBeNull();
    expect(singleKeyAction({ key: "0" }, 3)).toBeNull();
  });

  it("does not label a run of frames while a key is held", () => {
    expect(singleKeyAction({ key: "f", repeat: true }, 3)).toBeNull();
    expect(singleKeyAction({ key: "z", repeat: true }, 3)).toBeNull();
    // Walking back may repeat.
    expect(singleKeyAction({ key: "ArrowLeft", repeat: true }, 3)).toEqual({ type: "back" });
  });

  it("leaves the browser's shortcuts and text fields alone", () => {
    expect(singleKeyAction({ key: "f", ctrlKey: true }, 3)).toBeNull();
    expect(singleKeyAction({ key: "z", metaKey: true }, 3)).toBeNull();
    expect(singleKeyAction({ key: "n", altKey: true }, 3)).toBeNull();
    expect(singleKeyAction({ key: "f", editable: true }, 3)).toBeNull();
    expect(singleKeyAction({ key: "Escape", editable: true }, 3)).toEqual({ type: "closeHelp" });
  });

  it("opens the help with ?", () => {
    expect(singleKeyAction({ key: "?" }, 3)).toEqual({ type: "help" });
    expect(singleKeyAction({ key: "x" }, 3)).toBeNull();
  });
});

describe("gridKeyAction", () => {
  it("maps digits, D, U, Space, Enter and arrows", () => {
    expect(gridKeyAction({ key: "7" })).toEqual({ type: "digit", digit: 7 });
    expect(gridKeyAction({ key: "0" })).toEqual({ type: "digit", digit: 0 });
    expect(gridKeyAction({ key: "D" })).toEqual({ type: "toggleDefault" });
    expect(gridKeyAction({ key: "u" })).toEqual({ type: "unsure" });
    expect(gridKeyAction({ key: " " })).toEqual({ type: "flipCursor" });
    expect(gridKeyAction({ key: "Enter" })).toEqual({ type: "submit" });
    expect(gridKeyAction({ key: "ArrowUp" })).toEqual({ type: "moveCursor", dx: 0, dy: -1 });
    expect(gridKeyAction({ key: "ArrowRight", repeat: true })).toEqual({ type: "moveCursor", dx: 1, dy: 0 });
  });

  it("ignores held keys, modifiers and typing", () => {
    expect(gridKeyAction({ key: "Enter", repeat: true })).toBeNull();
    expect(gridKeyAction({ key: "d", ctrlKey: true })).toBeNull();
    expect(gridKeyAction({ key: "1", editable: true })).toBeNull();
  });
});

describe("reviewKeyAction", () => {
  it("settles with F or N and skips with S or →; U is not a verdict", () => {
    expect(reviewKeyAction({ key: "f" })).toEqual({ type: "adjudicate", label: "FACE" });
    expect(reviewKeyAction({ key: "N" })).toEqual({ type: "adjudicate", label: "NO_FACE" });
    expect(reviewKeyAction({ key: "s" })).toEqual({ type: "skip" });
    expect(reviewKeyAction({ key: "ArrowRight" })).toEqual({ type: "skip" });
    expect(reviewKeyAction({ key: "u" })).toBeNull();
    expect(reviewKeyAction({ key: "f", editable: true })).toBeNull();
  });
});

describe("tile numbers", () => {
  it("takes a digit at once when no longer number is possible", () => {
    expect(pushDigit({ pending: "" }, 4, 9)).toEqual({ state: { pending: "" }, tiles: [4] });
    expect(pushDigit({ pending: "" }, 2, 16)).toEqual({ state: { pending: "" }, tiles: [2] });
  });

  it("waits after a digit that may start a two-digit tile", () => {
    const first = pushDigit({ pending: "" }, 1, 16);
    expect(first).toEqual({ state: { pending: "1" }, tiles: [] });
    expect(pushDigit(first.state, 2, 16)).toEqual({ state: { pending: "" }, tiles: [12] });
    expect(flushDigits(first.state)).toEqual({ state: { pending: "" }, tiles: [1] });
  });

  it("splits a number past the last tile into the tile typed so far and a new start", () => {
    expect(pushDigit({ pending: "1" }, 7, 16)).toEqual({ state: { pending: "" }, tiles: [1, 7] });
    expect(pushDigit({ pending: "3" }, 1, 36)).toEqual({ state: { pending: "" }, tiles: [31] });
    expect(pushDigit({ pending: "3" }, 7, 36)).toEqual({ state: { pending: "" }, tiles: [3, 7] });
  });

  it("ignores a lone zero and an empty flush", () => {
    expect(pushDigit({ pending: "" }, 0, 16)).toEqual({ state: { pending: "" }, tiles: [] });
    expect(flushDigits({ pending: "" })).toEqual({ state: { pending: "" }, tiles: [] });
  });
});

describe("isEditableTarget", () => {
  it("treats text fields as typing and checkboxes as not", () => {
    expect(isEditableTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isEditableTarget({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isEditableTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isEditableTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
