import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { hammingDistance } from "@kao/media";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { CREATE_SPLIT, assignmentsOf, scenesOf, seedLabelledTitle, type Result, type SplitVersionView } from "./support/split-fixtures.ts";

let api: TestApi;
let admin: Caller;
beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api.close());

const REPORT = `query($id: ID!, $maxDistance: Int, $sample: Int) {
  leakageReport(splitVersionId: $id, maxDistance: $maxDistance, sample: $sample) {
    maxDistance frames framesWithoutHash crossSplitPairs sameScenePairs scenesAcrossSplits
    pairs { a b pairs }
    examples { a { id } b { id } splitA splitB distance }
    splits { split frames face noFace }
    titles { title { name } splits { split frames face noFace } }
  }
}`;
interface ReportView {
  maxDistance: number;
  frames: number;
  framesWithoutHash: number;
  crossSplitPairs: number;
  sameScenePairs: number;
  scenesAcrossSplits: number;
  pairs: { a: string; b: string; pairs: number }[];
  examples: { a: { id: string }; b: { id: string }; splitA: string; splitB: string; distance: number }[];
  splits: { split: string; frames: number; face: number; noFace: number }[];
  titles: { title: { name: string }; splits: { split: string; frames: number }[] }[];
}

/** Cross-split pairs within `maxDistance`, counted the slow way from the database. */
async function bruteForce(splitVersionId: string, maxDistance: number) {
  const rows = await api.db.splitAssignment.findMany({ where: { splitVersionId }, include: { frame: { select: { phash: true, sceneId: true } } } });
  const byPair = new Map<string, number>();
  let total = 0;
  let sameScene = 0;
  const order = ["TRAIN", "VAL", "TEST", "DISTINCT"];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (!a || !b || a.split === b.split || a.frame.phash === null || b.frame.phash === null) continue;
      if (hammingDistance(a.frame.phash, b.frame.phash) > maxDistance) continue;
      const key = [a.split, b.split].sort((x, y) => order.indexOf(x) - order.indexOf(y)).join("/");
      byPair.set(key, (byPair.get(key) ?? 0) + 1);
      total += 1;
      if (a.frame.sceneId && a.frame.sceneId === b.frame.sceneId) sameScene += 1;
    }
  }
  return { total, sameScene, byPair };
}

async function splitDataset() {
  const viewer = await signedIn(api, { role: "VIEWER" });
  const dataset = await seedDataset(api.db, { members: [viewer.user] });
  // 20 scenes whose hashes repeat every 4 scenes: scenes 0, 4, 8… are near-copies of each other (reruns,
  // recaps), which a scene split cannot see; the report must.
  const bases = Array.from({ length: 4 }, () => BigInt.asIntN(64, randomBytes(8).readBigUInt64BE()));
  await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Alpha", scenes: scenesOf(20, 3), hashOfScene: (s) => bases[s % 4] ?? 0n });
  await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Held", distinct: true, scenes: scenesOf(2, 3), hashOfScene: (s) => bases[s] ?? 0n });
  const created = expectData(await admin.graphql<{ createSplit: Result<SplitVersionView> }>(CREATE_SPLIT, { datasetId: dataset.id, input: { name: "v1", seed: 5 } })).createSplit;
  return { dataset, viewer, version: created.data as SplitVersionView };
}

describe("leakageReport", () => {
  it("counts near-duplicates across splits exactly, none inside a scene, with the nearest examples; members may read it", async () => {
    const { version, viewer } = await splitDataset();
    const report = expectData(await viewer.graphql<{ leakageReport: ReportView }>(REPORT, { id: version.id, sample: 5 })).leakageReport;
    const expected = await bruteForce(version.id, 10);

    expect(report).toMatchObject({ maxDistance: 10, frames: 66, framesWithoutHash: 0, sameScenePairs: 0, scenesAcrossSplits: 0 });
    expect(expected.total).toBeGreaterThan(0); // the seeded reruns do leak
    expect(report.crossSplitPairs).toBe(expected.total);
    expect(Object.fromEntries(report.pairs.filter((p) => p.pairs > 0).map((p) => [`${p.a}/${p.b}`, p.pairs]))).toEqual(Object.fromEntries(expected.byPair));
    expect(report.pairs).toHaveLength(6);
    expect(report.examples).toHaveLength(5);
    const assigned = await assignmentsOf(api.db, version.id);
    for (const example of report.examples) {
      expect(example.distance).toBeLessThanOrEqual(10);
      expect(example.splitA).not.toBe(example.splitB);
      expect([assigned.get(example.a.id), assigned.get(example.b.id)]).toEqual([example.splitA, example.splitB]);
    }
    expect(report.examples.map((e) => e.distance)).toEqual([...report.examples.map((e) => e.distance)].sort((a, b) => a - b));
    expect(report.splits.reduce((sum, s) => sum + s.frames, 0)).toBe(66);
    expect(report.titles.map((t) => t.title.name).sort()).toEqual(["Alpha", "Held"]);
  });

  it("finds a scene that a hand-edited split cuts through", async () => {
    const { version } = await splitDataset();
    const rows = await api.db.splitAssignment.findMany({ where: { splitVersionId: version.id, split: "TRAIN" }, include: { frame: { select: { sceneId: true } } } });
    const moved = rows[0];
    if (!moved) throw new Error("no TRAIN frame to move");
    await api.db.splitAssignment.update({ where: { splitVersionId_frameId: { splitVersionId: version.id, frameId: moved.frameId } }, data: { split: "TEST" } });

    const report = expectData(await admin.graphql<{ leakageReport: ReportView }>(REPORT, { id: version.id, maxDistance: 2 })).leakageReport;
    expect(report.scenesAcrossSplits).toBe(1);
    expect(report.sameScenePairs).toBe(2); // the moved frame and its 2 scene mates (1 bit apart from each other's base, ≤ 2)
    expect(report.crossSplitPairs).toBe((await bruteForce(version.id, 2)).total);
  });

  it("refuses a distance over 16 bits or a huge sample, and hides other datasets' versions", async () => {
    const { version } = await splitDataset();
    expectError(await admin.graphql(REPORT, { id: version.id, maxDistance: 17 }), "BAD_USER_INPUT");
    expectError(await admin.graphql(REPORT, { id: version.id, sample: 1000 }), "BAD_USER_INPUT");
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await outsider.graphql(REPORT, { id: version.id }), "NOT_FOUND");
  });
});
