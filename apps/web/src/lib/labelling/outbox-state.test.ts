import { describe, expect, it } from "vitest";
import { addLabel, addUndo, emptyOutbox, parseOutbox, pendingCount, requeueBatch, serialiseOutbox, settleBatch, takeBatch, type OutboxState } from "./outbox-state";

const label = (frameId: string, value: "FACE" | "NO_FACE" | "UNSURE" = "FACE", rules: string[] = []) => ({ frameId, label: value, rules, durationMs: 800 });

/** Sends the next batch and settles it, as a successful request would. */
function sendNext(state: OutboxState) {
  const { state: sending, batch } = takeBatch(state);
  return { state: settleBatch(sending), batch };
}

describe("outbox state", () => {
  it("sends labels in the order they were made, several per request", () => {
    let state = emptyOutbox();
    state = addLabel(state, label("a"));
    state = addLabel(state, label("b", "NO_FACE"));
    state = addLabel(state, label("c", "UNSURE", ["Profile"]));
    const { state: sending, batch } = takeBatch(state);
    expect(batch.map((op) => op.frameId)).toEqual(["a", "b", "c"]);
    expect(batch[2]).toEqual({ kind: "label", frameId: "c", label: "UNSURE", rules: ["Profile"], durationMs: 800 });
    // One request at a time: nothing more goes out until it is answered.
    expect(takeBatch(addLabel(sending, label("d"))).batch).toEqual([]);
    expect(pendingCount(sending)).toBe(3);
    expect(pendingCount(settleBatch(sending))).toBe(0);
  });

  it("caps a request and never says two things about one frame in it", () => {
    let state = emptyOutbox();
    for (const id of ["a", "b", "c", "d"]) state = addLabel(state, label(id));
    expect(takeBatch(state, 3).batch.map((op) => op.frameId)).toEqual(["a", "b", "c"]);

    // A label for a frame already in flight waits for the next request.
    const { state: sending } = takeBatch(addLabel(emptyOutbox(), label("a")));
    const changed = addLabel(sending, label("a", "NO_FACE"));
    expect(changed.waiting).toEqual([{ kind: "label", ...label("a", "NO_FACE") }]);
  });

  it("sends a label changed before it left only once, as changed", () => {
    let state = addLabel(emptyOutbox(), label("a", "FACE"));
    state = addLabel(state, label("b"));
    state = addLabel(state, label("a", "NO_FACE", ["Profile"]));
    expect(takeBatch(state).batch).toEqual([
      { kind: "label", ...label("b") },
      { kind: "label", ...label("a", "NO_FACE", ["Profile"]) },
    ]);
  });

  it("drops a label undone before it left, without telling the API", () => {
    let state = addLabel(emptyOutbox(), label("a"));
    state = addUndo(state, "a");
    expect(state.waiting).toEqual([]);
    expect(pendingCount(state)).toBe(0);
  });

  it("sends an undo for a label the API may hold, in order with what follows", () => {
    let { state } = sendNext(addLabel(emptyOutbox(), label("a")));
    state = addUndo(state, "a");
    state = addLabel(state, label("a", "UNSURE"));
    expect(state.waiting).toEqual([{ kind: "undo", frameId: "a" }, { kind: "label", ...label("a", "UNSURE") }]);
    // An undo goes alone; the label after it in the next request.
    const first = sendNext(state);
    expect(first.batch).toEqual([{ kind: "undo", frameId: "a" }]);
    expect(sendNext(first.state).batch).toEqual([{ kind: "label", ...label("a", "UNSURE") }]);
    // Undoing the new label now needs the API again; undoing twice sends one undo.
    expect(addUndo(addUndo(sendNext(first.state).state, "a"), "a").waiting).toEqual([{ kind: "undo", frameId: "a" }]);
  });

  it("undoes a label that is on its way", () => {
    const { state: sending } = takeBatch(addLabel(emptyOutbox(), label("a")));
    expect(addUndo(sending, "a").waiting).toEqual([{ kind: "undo", frameId: "a" }]);
  });

  it("puts a failed request back in front, to be sent again in order", () => {
    let state = addLabel(emptyOutbox(), label("a"));
    const { state: sending } = takeBatch(state);
    state = requeueBatch(addLabel(sending, label("b")));
    expect(state.inFlight).toEqual([]);
    expect(takeBatch(state).batch.map((op) => op.frameId)).toEqual(["a", "b"]);
  });

  it("survives a reload through its serialised form, and refuses garbage", () => {
    let state = addLabel(emptyOutbox(), label("a"));
    state = takeBatch(state).state;
    state = addLabel(state, label("b", "NO_FACE", ["Profile"]));
    const restored = parseOutbox(serialiseOutbox(state));
    expect(restored.error).toBeNull();
    expect(restored.state.inFlight).toEqual([]);
    expect(restored.state.waiting.map((op) => op.frameId)).toEqual(["a", "b"]);
    expect(parseOutbox(null)).toEqual({ state: emptyOutbox(), error: null });
    expect(parseOutbox("{").error).toMatch(/not JSON/);
    expect(parseOutbox(JSON.stringify({ ops: [{ kind: "label", frameId: "a", label: "CAT", rules: [], durationMs: 1 }], stored: [] })).error).toMatch(/unreadable/);
  });
});
