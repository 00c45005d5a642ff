import { describe, expect, it } from "vitest";
import type { LabelFrame } from "./labels";
import { addFrames, decide, dropQueued, goBack, goForward, sessionCount, settleDecisions, shownFrame, startSession, toggleRule, undoLast, type SingleSession } from "./single-session";

const frame = (id: string): LabelFrame => ({
  id,
  sceneId: null,
  displayUrl: `/frames/${id}/display`,
  thumbnailUrl: `/frames/${id}/thumb`,
  sourceName: `${id}.png`,
  timestampMs: null,
  width: 640,
  height: 360,
  title: { id: "t", name: "Title" },
  video: null,
});

const shownId = (state: SingleSession) => shownFrame(state)?.frame.id ?? null;

function decideAll(state: SingleSession, labels: ("FACE" | "NO_FACE" | "UNSURE")[]) {
  for (const label of labels) state = decide(state, label).state;
  return state;
}

describe("single-frame session", () => {
  it("shows the queue's first frame and moves on after each decision", () => {
    let state = startSession([frame("a"), frame("b"), frame("a")]);
    expect(state.upcoming.map((f) => f.id)).toEqual(["a", "b"]);
    expect(shownId(state)).toBe("a");
    const first = decide(state, "FACE");
    expect(first.effect).toEqual({ frameId: "a", label: "FACE", rules: [] });
    state = first.state;
    expect(shownId(state)).toBe("b");
    state = decide(state, "NO_FACE").state;
    expect(shownFrame(state)).toBeNull();
    expect(decide(state, "FACE").effect).toBeNull();
    expect(sessionCount(state)).toBe(2);
  });

  it("adds refilled frames it does not know yet", () => {
    let state = decideAll(startSession([frame("a"), frame("b")]), ["FACE"]);
    const refill = addFrames(state, [frame("a"), frame("b"), frame("c"), frame("d")], new Set(["d"]));
    // a is decided, b is queued, d has a decision on its way: only c is new.
    expect(refill.added).toBe(1);
    state = refill.state;
    expect(state.upcoming.map((f) => f.id)).toEqual(["b", "c"]);
    expect(addFrames(state, []).state).toBe(state);
  });

  it("leaves out queued frames whose decision is still on its way after a reload", () => {
    const state = startSession([frame("a"), frame("b"), frame("c")]);
    expect(dropQueued(state, new Set(["b"])).upcoming.map((f) => f.id)).toEqual(["a", "c"]);
    expect(dropQueued(state, new Set(["x"]))).toBe(state);
  });

  it("attaches the ticked rules to the decision and starts the next frame without any", () => {
    let state = startSession([frame("a"), frame("b")]);
    state = toggleRule(toggleRule(toggleRule(state, "Profile"), "Half or more of a face"), "Profile");
    expect(state.rules).toEqual(["Half or more of a face"]);
    const { state: next, effect } = decide(state, "FACE");
    expect(effect?.rules).toEqual(["Half or more of a face"]);
    expect(next.rules).toEqual([]);
  });

  it("walks back through decisions, and a key pressed there changes the label and moves forward", () => {
    let state = decideAll(startSession([frame("a"), frame("b"), frame("c")]), ["FACE", "NO_FACE"]);
    state = goBack(state);
    expect(shownId(state)).toBe("b");
    expect(shownFrame(state)?.decided?.label).toBe("NO_FACE");
    state = goBack(goBack(state));
    expect(shownId(state)).toBe("a");
    const changed = decide(state, "UNSURE");
    expect(changed.effect).toEqual({ frameId: "a", label: "UNSURE", rules: [] });
    state = changed.state;
    expect(shownId(state)).toBe("b");
    // The same label again is no change: nothing to send.
    const same = decide(state, "NO_FACE");
    expect(same.effect).toBeNull();
    state = same.state;
    expect(shownId(state)).toBe("c");
    expect(goForward(state)).toBe(state);
    expect(state.history.map((entry) => [entry.frame.id, entry.label])).toEqual([
      ["a", "UNSURE"],
      ["b", "NO_FACE"],
    ]);
  });

  it("keeps the next frame's ticked rules while looking back", () => {
    let state = decideAll(startSession([frame("a"), frame("b")]), ["FACE"]);
    state = toggleRule(state, "Profile");
    state = goBack(state);
    expect(state.rules).toEqual([]);
    state = goForward(state);
    expect(shownId(state)).toBe("b");
    expect(state.rules).toEqual(["Profile"]);
  });

  it("undoes the latest decision and shows that frame again", () => {
    let state = startSession([frame("a"), frame("b"), frame("c")]);
    state = toggleRule(state, "Profile");
    state = decideAll(state, ["FACE", "NO_FACE"]);
    state = goBack(goBack(state));
    const { state: undone, undone: effect } = undoLast(state);
    expect(effect).toEqual({ frameId: "b", sendUndo: true });
    expect(shownId(undone)).toBe("b");
    expect(undone.cursor).toBeNull();
    expect(undone.history.map((entry) => entry.frame.id)).toEqual(["a"]);
    expect(undoLast(undoLast(undone).state).undone).toBeNull();
  });

  it("marks decisions saved or refused, and drops a refused frame on undo", () => {
    let state = decideAll(startSession([frame("a"), frame("b")]), ["FACE", "NO_FACE"]);
    state = settleDecisions(state, [{ frameId: "a", label: "FACE", rules: [] }], [{ frameId: "b", message: "Enough people have labelled it." }]);
    expect(state.history.map((entry) => [entry.status, entry.rejection])).toEqual([
      ["saved", null],
      ["rejected", "Enough people have labelled it."],
    ]);
    expect(sessionCount(state)).toBe(1);
    const { state: after, undone } = undoLast(state);
    expect(undone).toEqual({ frameId: "b", sendUndo: false });
    expect(shownFrame(after)).toBeNull();
  });

  it("keeps the stored label when a change of it is refused, and says why", () => {
    let state = decideAll(startSession([frame("c"), frame("d")]), ["FACE"]);
    state = settleDecisions(state, [{ frameId: "c", label: "FACE", rules: [] }], []);
    state = decide(goBack(state), "NO_FACE").state;
    expect(state.history[0]).toMatchObject({ label: "NO_FACE", status: "sending" });
    state = settleDecisions(state, [], [{ frameId: "c", message: "This frame is waiting for a reviewer." }]);
    expect(state.history[0]).toMatchObject({ label: "FACE", status: "saved", rejection: "This frame is waiting for a reviewer." });
    expect(sessionCount(state)).toBe(1);
    // Looking back shows the refusal; the same key again is a new try, not "no change".
    expect(decide(goBack(state), "FACE").effect).toEqual({ frameId: "c", label: "FACE", rules: [] });
    // It is stored, so an undo must reach the API.
    expect(undoLast(state).undone).toEqual({ frameId: "c", sendUndo: true });
  });

  it("waits for the latest change before calling a decision saved", () => {
    let state = decideAll(startSession([frame("e"), frame("f")]), ["FACE"]);
    state = decide(goBack(state), "UNSURE").state;
    // The answer for the first label arrives while the change is still on its way.
    state = settleDecisions(state, [{ frameId: "e", label: "FACE", rules: [] }], []);
    expect(state.history[0]).toMatchObject({ label: "UNSURE", status: "sending", saved: { label: "FACE", rules: [] } });
    state = settleDecisions(state, [{ frameId: "e", label: "UNSURE", rules: [] }], []);
    expect(state.history[0]).toMatchObject({ label: "UNSURE", status: "saved" });
  });
});
