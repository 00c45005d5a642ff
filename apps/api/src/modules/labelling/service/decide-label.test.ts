import { describe, expect, it } from "vitest";
import { decideLabel, type FrameLabelState } from "./decide-label.ts";

const open: FrameLabelState = { labelStatus: "OPEN", labelCount: 0, adjudicated: false, otherLeases: 0, myLease: false, mine: null };
const face = { label: "FACE", rules: [] } as const;

describe("decideLabel", () => {
  it("creates a label with a live lease, or without one while there is room", () => {
    expect(decideLabel({ ...open, myLease: true }, face, 1)).toEqual({ kind: "create" });
    expect(decideLabel(open, face, 1)).toEqual({ kind: "create" });
    expect(decideLabel({ ...open, labelCount: 1, otherLeases: 1 }, face, 3)).toEqual({ kind: "create" });
  });

  it("refuses a new label when labels and others' leases fill the overlap", () => {
    expect(decideLabel({ ...open, otherLeases: 1 }, face, 1)).toMatchObject({ kind: "reject", code: "NO_CAPACITY" });
    expect(decideLabel({ ...open, labelCount: 1, otherLeases: 1 }, face, 2)).toMatchObject({ kind: "reject", code: "NO_CAPACITY" });
    expect(decideLabel({ ...open, labelStatus: "DONE", labelCount: 1 }, face, 1)).toMatchObject({ kind: "reject", code: "NO_CAPACITY" });
  });

  it("lets a lease holder label while labels are fewer than the overlap, never beyond", () => {
    expect(decideLabel({ ...open, myLease: true, otherLeases: 5 }, face, 1)).toEqual({ kind: "create" });
    expect(decideLabel({ ...open, myLease: true, labelCount: 1 }, face, 1)).toMatchObject({ kind: "reject", code: "NO_CAPACITY" });
  });

  it("treats the same label and rules again as a no-op, even once closed", () => {
    const mine = { label: "FACE" as const, rules: ["Profile", "Half or more of a face"] };
    expect(decideLabel({ ...open, labelCount: 1, labelStatus: "DONE", mine }, { label: "FACE", rules: ["Half or more of a face", "Profile"] }, 1)).toEqual({ kind: "noop" });
    expect(decideLabel({ ...open, labelCount: 1, labelStatus: "REVIEW", mine: { label: "UNSURE", rules: [] } }, { label: "UNSURE", rules: [] }, 1)).toEqual({ kind: "noop" });
  });

  it("changes your own label, also when the frame is already DONE, but not once a reviewer has it", () => {
    const mine = { label: "FACE" as const, rules: [] };
    expect(decideLabel({ ...open, labelCount: 1, labelStatus: "DONE", mine }, { label: "NO_FACE", rules: [] }, 1)).toEqual({ kind: "change" });
    expect(decideLabel({ ...open, labelCount: 1, mine }, { label: "FACE", rules: ["Profile"] }, 2)).toEqual({ kind: "change" });
    expect(decideLabel({ ...open, labelCount: 2, labelStatus: "REVIEW", mine }, { label: "NO_FACE", rules: [] }, 2)).toMatchObject({ kind: "reject", code: "CLOSED" });
    expect(decideLabel({ ...open, labelCount: 1, labelStatus: "DONE", adjudicated: true, mine }, { label: "NO_FACE", rules: [] }, 1)).toMatchObject({ kind: "reject", code: "CLOSED" });
  });
});
