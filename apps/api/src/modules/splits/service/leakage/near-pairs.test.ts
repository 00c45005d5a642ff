import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hammingDistance } from "@kao/media";
import { LEAKAGE_SPLITS, findNearPairs, popcount32, type HashedFrame } from "./near-pairs.ts";

/** Every cross-split pair within `maxDistance`, the slow way. */
function bruteForce(frames: HashedFrame[], maxDistance: number) {
  const bySplits = new Map<string, number>();
  const distances: number[] = [];
  // Examples are one per (pair of hashes, pair of splits): a thousand copies of one leak are one example.
  const exampleKeys = new Map<string, number>();
  let sameScene = 0;
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) {
      const a = frames[i] as HashedFrame;
      const b = frames[j] as HashedFrame;
      if (a.split === b.split) continue;
      const distance = hammingDistance(a.hash, b.hash);
      if (distance > maxDistance) continue;
      const [x, y] = [a.split, b.split].sort((p, q) => LEAKAGE_SPLITS.indexOf(p) - LEAKAGE_SPLITS.indexOf(q));
      bySplits.set(`${x}/${y}`, (bySplits.get(`${x}/${y}`) ?? 0) + 1);
      distances.push(distance);
      const ends = [`${BigInt.asUintN(64, a.hash)}:${a.split}`, `${BigInt.asUintN(64, b.hash)}:${b.split}`].sort();
      exampleKeys.set(ends.join("|"), distance);
      if (a.sceneId !== null && a.sceneId === b.sceneId) sameScene += 1;
    }
  }
  return { bySplits, total: distances.length, sameScene, exampleDistances: [...exampleKeys.values()].sort((p, q) => p - q) };
}

/** Frames whose hashes cluster around a few bases (a few bits flipped), like frames of one show. */
const framesArb = fc
  .tuple(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 4 }), fc.nat())
  .chain(([bases]) =>
    fc.array(
      fc.record({
        base: fc.nat(bases.length - 1),
        flips: fc.array(fc.nat(63), { maxLength: 14 }),
        split: fc.constantFrom(...LEAKAGE_SPLITS),
        scene: fc.option(fc.nat(5), { nil: null }),
      }),
      { maxLength: 60 },
    ).map((rows) =>
      rows.map((row, i): HashedFrame => ({
        id: `f${String(i).padStart(3, "0")}`,
        split: row.split,
        sceneId: row.scene === null ? null : `s${row.scene}`,
        hash: BigInt.asIntN(64, row.flips.reduce((hash, bit) => hash ^ (1n << BigInt(bit)), bases[row.base] ?? 0n)),
      })),
    ),
  );

describe("findNearPairs", () => {
  it("finds exactly the cross-split pairs a brute-force scan finds, with the nearest as examples (one per pair of hashes and splits)", () => {
    fc.assert(
      fc.property(framesArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 8 }), (frames, maxDistance, sample) => {
        const report = findNearPairs({ frames, maxDistance, sample });
        const expected = bruteForce(frames, maxDistance);
        expect(report.total).toBe(expected.total);
        expect(Object.fromEntries(report.pairsBySplits)).toEqual(Object.fromEntries(expected.bySplits));
        expect(report.sameScene).toBe(expected.sameScene);
        expect(report.examples.map((pair) => pair.distance)).toEqual(expected.exampleDistances.slice(0, sample));
        const byId = new Map(frames.map((frame) => [frame.id, frame]));
        for (const pair of report.examples) {
          const a = byId.get(pair.a);
          const b = byId.get(pair.b);
          expect(a && b && hammingDistance(a.hash, b.hash)).toBe(pair.distance);
          expect([a?.split, b?.split]).toEqual([pair.splitA, pair.splitB]);
          expect(pair.splitA).not.toBe(pair.splitB);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("counts many identical hashes by multiplication, as one example", () => {
    const frames: HashedFrame[] = Array.from({ length: 3000 }, (_, i) => ({ id: `f${i}`, split: i % 2 ? "TRAIN" : "TEST", sceneId: null, hash: 0n }));
    const report = findNearPairs({ frames, maxDistance: 10, sample: 3 });
    expect(report.total).toBe(1500 * 1500);
    expect(report.pairsBySplits.get("TRAIN/TEST")).toBe(1500 * 1500);
    expect(report.examples).toEqual([{ a: "f0", b: "f1", splitA: "TEST", splitB: "TRAIN", distance: 0 }]);
  });

  it("refuses a distance outside 0–16", () => {
    expect(() => findNearPairs({ frames: [], maxDistance: 17, sample: 1 })).toThrow(RangeError);
    expect(() => findNearPairs({ frames: [], maxDistance: -1, sample: 1 })).toThrow(RangeError);
  });

  it("counts bits", () => {
    expect([0, 1, 0xff, 0xffffffff, 0x80000000 | 0].map(popcount32)).toEqual([0, 1, 8, 32, 1]);
  });
});
