import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATIOS, InvalidRatiosError, type SplitRatios } from "./ratios.ts";
import { HELD_IN_SPLITS, SplitConflictError, splitFrames, type AssignedSplit, type SplitLabel, type SplitterFrame } from "./split-frames.ts";

/** A dataset: titles (some distinct) of scenes, each scene with 1–6 labelled frames; some "scenes" are loose frames. */
const datasetArb = fc
  .array(
    fc.record({
      distinct: fc.boolean(),
      scenes: fc.array(
        fc.record({ labels: fc.array(fc.constantFrom<SplitLabel>("FACE", "NO_FACE"), { minLength: 1, maxLength: 6 }), loose: fc.boolean() }),
        { maxLength: 12 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((titles) => {
    const frames: SplitterFrame[] = [];
    titles.forEach((title, t) =>
      title.scenes.forEach((scene, s) =>
        scene.labels.forEach((label, i) =>
          // Ids whose order is unrelated to title and scene order.
          frames.push({ id: `${(t * 7919 + s * 104729 + i * 31) % 1000}-${t}-${s}-${i}`, titleId: `title-${t}`, sceneId: scene.loose ? null : `scene-${t}-${s}`, label, distinct: title.distinct }),
        ),
      ),
    );
    return frames;
  });

/** Ratios ≥ 0 summing to 1 (zeros included). */
const ratiosArb = fc
  .tuple(fc.nat(100), fc.nat(100), fc.nat(100))
  .filter(([a, b, c]) => a + b + c > 0)
  .map(([a, b, c]): SplitRatios => ({ train: a / (a + b + c), val: b / (a + b + c), test: c / (a + b + c) }));

const seedArb = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const RATIO_OF = { TRAIN: "train", VAL: "val", TEST: "test" } as const;
const groupOf = (frame: SplitterFrame) => `${frame.titleId}/${frame.sceneId ?? `frame:${frame.id}`}`;

/** (title, stratum) cells as the splitter defines them, computed independently: a group's stratum is its majority label, ties FACE. */
function cellsOf(frames: SplitterFrame[]) {
  const groups = new Map<string, SplitterFrame[]>();
  for (const frame of frames.filter((f) => !f.distinct)) groups.set(groupOf(frame), [...(groups.get(groupOf(frame)) ?? []), frame]);
  const cells = new Map<string, { frames: SplitterFrame[]; largestGroup: number }>();
  for (const members of groups.values()) {
    const faces = members.filter((f) => f.label === "FACE").length;
    const key = `${members[0]?.titleId}/${faces * 2 >= members.length ? "FACE" : "NO_FACE"}`;
    const cell = cells.get(key) ?? { frames: [], largestGroup: 0 };
    cell.frames.push(...members);
    cell.largestGroup = Math.max(cell.largestGroup, members.length);
    cells.set(key, cell);
  }
  return [...cells.values()];
}

const countIn = (frames: SplitterFrame[], result: Map<string, AssignedSplit>, split: AssignedSplit) => frames.filter((f) => result.get(f.id) === split).length;

describe("splitFrames", () => {
  it("assigns every frame exactly once", () => {
    fc.assert(
      fc.property(datasetArb, ratiosArb, seedArb, (frames, ratios, seed) => {
        const result = splitFrames({ frames, ratios, seed });
        expect([...result.keys()].sort()).toEqual(frames.map((f) => f.id).sort());
      }),
    );
  });

  it("never puts one scene in two splits", () => {
    fc.assert(
      fc.property(datasetArb, ratiosArb, seedArb, (frames, ratios, seed) => {
        const result = splitFrames({ frames, ratios, seed });
        const splitOfScene = new Map<string, AssignedSplit | undefined>();
        for (const frame of frames.filter((f) => f.sceneId !== null)) {
          const split = result.get(frame.id);
          if (splitOfScene.has(frame.sceneId ?? "")) expect(split).toBe(splitOfScene.get(frame.sceneId ?? ""));
          splitOfScene.set(frame.sceneId ?? "", split);
        }
      }),
    );
  });

  it("puts distinct titles in DISTINCT only, and nothing else there", () => {
    fc.assert(
      fc.property(datasetArb, ratiosArb, seedArb, (frames, ratios, seed) => {
        const result = splitFrames({ frames, ratios, seed });
        for (const frame of frames) expect(result.get(frame.id) === "DISTINCT").toBe(frame.distinct);
      }),
    );
  });

  it("keeps each split within one scene of its target in every (title, stratum) cell, and overall within the sum of those", () => {
    fc.assert(
      fc.property(datasetArb, ratiosArb, seedArb, (frames, ratios, seed) => {
        const result = splitFrames({ frames, ratios, seed });
        const cells = cellsOf(frames);
        for (const cell of cells) {
          for (const split of HELD_IN_SPLITS) {
            const target = ratios[RATIO_OF[split]] * cell.frames.length;
            // Strictly less than the cell's largest group; 1e-9 absorbs floating-point ratios.
            expect(Math.abs(countIn(cell.frames, result, split) - target)).toBeLessThan(cell.largestGroup + 1e-9);
            // A split with ratio 0 gets nothing at all.
            if (ratios[RATIO_OF[split]] === 0) expect(countIn(cell.frames, result, split)).toBe(0);
          }
        }
        const heldIn = frames.filter((f) => !f.distinct);
        const slack = cells.reduce((sum, cell) => sum + cell.largestGroup, 0);
        for (const split of HELD_IN_SPLITS) {
          expect(Math.abs(countIn(heldIn, result, split) - ratios[RATIO_OF[split]] * heldIn.length)).toBeLessThan(slack + 1e-9);
        }
      }),
    );
  });

  it("gives the same split for the same seed, whatever the input order", () => {
    const withPermutation = datasetArb.chain((frames) =>
      fc.tuple(fc.constant(frames), fc.shuffledSubarray(frames, { minLength: frames.length, maxLength: frames.length })),
    );
    fc.assert(
      fc.property(withPermutation, ratiosArb, seedArb, ([frames, permuted], ratios, seed) => {
        const first = splitFrames({ frames, ratios, seed });
        expect(splitFrames({ frames, ratios, seed })).toEqual(first);
        expect(splitFrames({ frames: permuted, ratios, seed })).toEqual(first);
      }),
    );
  });

  it("splits a title the same way whatever other titles the dataset holds", () => {
    fc.assert(
      fc.property(datasetArb, ratiosArb, seedArb, (frames, ratios, seed) => {
        const all = splitFrames({ frames, ratios, seed });
        const alone = splitFrames({ frames: frames.filter((f) => f.titleId === "title-0"), ratios, seed });
        for (const [id, split] of alone) expect(all.get(id)).toBe(split);
      }),
    );
  });

  it("appends new frames without moving placed ones: new frames join their scene's split, the rest follow the same rules", () => {
    const splitInTwo = datasetArb.chain((frames) => fc.tuple(fc.constant(frames), fc.array(fc.boolean(), { minLength: frames.length, maxLength: frames.length })));
    fc.assert(
      fc.property(splitInTwo, ratiosArb, seedArb, ([frames, isOld], ratios, seed) => {
        const old = frames.filter((_, i) => isOld[i]);
        const fresh = frames.filter((_, i) => !isOld[i]);
        const first = splitFrames({ frames: old, ratios, seed });
        const placed = old.map((frame) => ({ ...frame, split: first.get(frame.id) ?? "TRAIN" }));
        const appended = splitFrames({ frames: fresh, placed, ratios, seed });

        expect([...appended.keys()].sort()).toEqual(fresh.map((f) => f.id).sort());
        const combined = new Map([...first, ...appended]);
        const splitOfScene = new Map<string, AssignedSplit | undefined>();
        for (const frame of [...old, ...fresh]) {
          expect(combined.get(frame.id) === "DISTINCT").toBe(frame.distinct);
          if (frame.sceneId === null) continue;
          if (splitOfScene.has(frame.sceneId)) expect(combined.get(frame.id)).toBe(splitOfScene.get(frame.sceneId));
          splitOfScene.set(frame.sceneId, combined.get(frame.id));
        }
      }),
    );
  });

  it("refuses to append to frames placed against their title's distinct flag", () => {
    const placed = [{ id: "a", titleId: "t", sceneId: "s", label: "FACE" as const, distinct: true, split: "TRAIN" as const }];
    expect(() => splitFrames({ frames: [], placed, ratios: DEFAULT_RATIOS, seed: 1 })).toThrow(SplitConflictError);
  });

  it("hits the paper's 48/20/32 exactly on 100 single-frame scenes of one title", () => {
    const frames = Array.from({ length: 100 }, (_, i): SplitterFrame => ({ id: `f${i}`, titleId: "t", sceneId: null, label: "FACE", distinct: false }));
    const result = splitFrames({ frames, ratios: DEFAULT_RATIOS, seed: 7 });
    const counts = HELD_IN_SPLITS.map((split) => [...result.values()].filter((s) => s === split).length);
    expect(counts).toEqual([48, 20, 32]);
  });

  it("depends on the seed", () => {
    const frames = Array.from({ length: 200 }, (_, i): SplitterFrame => ({ id: `f${i}`, titleId: "t", sceneId: `s${i % 50}`, label: "FACE", distinct: false }));
    const a = splitFrames({ frames, ratios: DEFAULT_RATIOS, seed: 1 });
    const b = splitFrames({ frames, ratios: DEFAULT_RATIOS, seed: 2 });
    expect([...a].filter(([id, split]) => b.get(id) !== split).length).toBeGreaterThan(0);
  });

  it.each([
    [{ train: 0.5, val: 0.2, test: 0.2 }, "sum to 1"],
    [{ train: 1.2, val: -0.2, test: 0 }, "0 or more"],
    [{ train: Number.NaN, val: 0.5, test: 0.5 }, "0 or more"],
  ])("refuses ratios %o", (ratios, message) => {
    expect(() => splitFrames({ frames: [], ratios, seed: 0 })).toThrow(InvalidRatiosError);
    expect(() => splitFrames({ frames: [], ratios, seed: 0 })).toThrow(message);
  });

  it("accepts ratios that sum to 1 within 1e-6", () => {
    expect(() => splitFrames({ frames: [], ratios: { train: 0.48, val: 0.2, test: 0.3200005 }, seed: 0 })).not.toThrow();
  });
});
