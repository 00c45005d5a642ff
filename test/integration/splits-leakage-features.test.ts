import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Split } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { seedSplitVersion, vectorBytes } from "./support/ml-fixtures.ts";

let api: TestApi;
let admin: Caller;
beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api.close());

const REPORT = `query($id: ID!, $backboneId: ID!, $threshold: Float, $sample: Int) {
  featureLeakageReport(splitVersionId: $id, backboneId: $backboneId, threshold: $threshold, sample: $sample) {
    threshold frames framesWithoutVector crossSplitPairs
    backbone { id name }
    splitVersion { id }
    pairs { a b pairs }
    examples { a { id } b { id } splitA splitB similarity }
  }
}`;
interface ReportView {
  threshold: number;
  frames: number;
  framesWithoutVector: number;
  crossSplitPairs: number;
  backbone: { id: string; name: string };
  splitVersion: { id: string };
  pairs: { a: string; b: string; pairs: number }[];
  examples: { a: { id: string }; b: { id: string }; splitA: string; splitB: string; similarity: number }[];
}

const DIMS = 8;
const unit = (k: number, scale = 1) => Array.from({ length: DIMS }, (_, i) => (i === k ? scale : 0));
const plus = (a: number[], b: number[]) => a.map((value, i) => value + (b[i] ?? 0));

async function seedBackbone(dims = DIMS) {
  return api.db.backbone.create({ data: { name: `features-${randomUUID()}`, modelPath: "none.onnx", sha256: "0".repeat(64), inputWidth: 8, inputHeight: 8, tapLayer: "t", dims } });
}

/**
 * Frames written straight to the database with known vectors (the extraction is not under test):
 * each entry is [name, split, vector or null for a frame never extracted].
 */
async function seedVersion(members: Caller[], frames: [string, Split, number[] | null][]) {
  const dataset = await seedDataset(api.db, { members: members.map((member) => member.user) });
  const title = await seedTitle(api.db, { datasetId: dataset.id });
  const backbone = await seedBackbone();
  const ids = new Map<string, string>();
  const assignments: { frameId: string; split: Split }[] = [];
  for (const [name, split, vector] of frames) {
    const frame = await seedFrame(api.db, { datasetId: dataset.id, titleId: title.id });
    ids.set(name, frame.id);
    assignments.push({ frameId: frame.id, split });
    if (vector) await api.db.featureVector.create({ data: { frameId: frame.id, backboneId: backbone.id, vector: vectorBytes(vector) } });
  }
  const version = await seedSplitVersion(api.db, dataset.id, assignments);
  return { dataset, backbone, version, id: (name: string) => ids.get(name) ?? "" };
}

// e0…e7 are unit vectors. Cosines: tA·sA = 1/√1.01 ≈ 0.99504, tB·sB = 1/√1.25 ≈ 0.89443, tC·vC = 1, sA·dA = 1.
const KNOWN: [string, Split, number[] | null][] = [
  ["tA", "TRAIN", unit(0)],
  ["tA2", "TRAIN", unit(0, 2)], // the same direction as tA, in the same split: never a pair
  ["tB", "TRAIN", unit(1)],
  ["tC", "TRAIN", unit(2)],
  ["tFar", "TRAIN", unit(5)],
  ["tNone", "TRAIN", null],
  ["vC", "VAL", unit(2, 3)],
  ["sA", "TEST", plus(unit(0), unit(1, 0.1))],
  ["sB", "TEST", plus(unit(1), unit(3, 0.5))],
  ["sFar", "TEST", unit(6)],
  ["dA", "DISTINCT", plus(unit(0, 2), unit(1, 0.2))],
];
const pairCounts = (report: ReportView) => Object.fromEntries(report.pairs.filter((pair) => pair.pairs > 0).map((pair) => [`${pair.a}/${pair.b}`, pair.pairs]));

describe("featureLeakageReport", () => {
  it("counts the cross-split pairs at or above the threshold exactly, most similar examples first; reviewers of the dataset may read it", async () => {
    const reviewer = await signedIn(api, { role: "REVIEWER" });
    const { version, backbone, id } = await seedVersion([reviewer], KNOWN);
    const report = expectData(await reviewer.graphql<{ featureLeakageReport: ReportView }>(REPORT, { id: version.id, backboneId: backbone.id })).featureLeakageReport;

    expect(report).toMatchObject({ threshold: 0.95, frames: 11, framesWithoutVector: 1, crossSplitPairs: 6, backbone: { id: backbone.id }, splitVersion: { id: version.id } });
    expect(pairCounts(report)).toEqual({ "TRAIN/VAL": 1, "TRAIN/TEST": 2, "TRAIN/DISTINCT": 2, "TEST/DISTINCT": 1 });
    expect(report.pairs).toHaveLength(6);
    const named = (example: ReportView["examples"][number]) => {
      const name = (frameId: string) => KNOWN.find(([n]) => id(n) === frameId)?.[0];
      return `${name(example.a.id)}:${example.splitA}/${name(example.b.id)}:${example.splitB}`;
    };
    // Similarity 1 first (their order between them is float32 rounding), then the four at 0.995.
    expect(report.examples.slice(0, 2).map(named).sort()).toEqual(["sA:TEST/dA:DISTINCT", "tC:TRAIN/vC:VAL"]);
    expect(report.examples.slice(2).map(named).sort()).toEqual(["tA2:TRAIN/dA:DISTINCT", "tA2:TRAIN/sA:TEST", "tA:TRAIN/dA:DISTINCT", "tA:TRAIN/sA:TEST"]);
    for (const example of report.examples.slice(0, 2)) expect(example.similarity).toBeCloseTo(1, 5);
    for (const example of report.examples.slice(2)) expect(example.similarity).toBeCloseTo(1 / Math.sqrt(1.01), 5);

    const lower = expectData(await admin.graphql<{ featureLeakageReport: ReportView }>(REPORT, { id: version.id, backboneId: backbone.id, threshold: 0.85, sample: 3 })).featureLeakageReport;
    expect(lower.crossSplitPairs).toBe(7); // tB ↔ sB at 0.894 joins
    expect(pairCounts(lower)).toEqual({ "TRAIN/VAL": 1, "TRAIN/TEST": 3, "TRAIN/DISTINCT": 2, "TEST/DISTINCT": 1 });
    expect(lower.examples).toHaveLength(3);
    expect(lower.examples[2]?.similarity).toBeCloseTo(1 / Math.sqrt(1.01), 5);

    const identical = expectData(await admin.graphql<{ featureLeakageReport: ReportView }>(REPORT, { id: version.id, backboneId: backbone.id, threshold: 1 })).featureLeakageReport;
    expect(pairCounts(identical)).toEqual({ "TRAIN/VAL": 1, "TEST/DISTINCT": 1 });
  });

  it("agrees with a brute-force scan on 2,100 frames (several pages of vectors), and finds nothing in a split without near pairs", async () => {
    const dataset = await seedDataset(api.db);
    const title = await seedTitle(api.db, { datasetId: dataset.id });
    const backbone = await seedBackbone(4);
    // Seeded small-integer vectors around a few directions: many near pairs, and cosines fixed by the data.
    let state = 20261128;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const splits: Split[] = ["TRAIN", "TRAIN", "TRAIN", "VAL", "TEST", "TEST", "DISTINCT"];
    const rows = Array.from({ length: 2100 }, () => ({
      id: randomUUID(),
      split: splits[Math.floor(next() * splits.length)] ?? "TRAIN",
      vector: Array.from({ length: 4 }, () => Math.floor(next() * 4)),
    }));
    await api.db.frame.createMany({
      data: rows.map((row) => ({ id: row.id, datasetId: dataset.id, titleId: title.id, sourceName: `${row.id}.jpg`, storageKey: `test/${row.id}`, sha256: randomBytes(32).toString("hex"), width: 8, height: 8 })),
    });
    await api.db.featureVector.createMany({ data: rows.map((row) => ({ frameId: row.id, backboneId: backbone.id, vector: vectorBytes(row.vector) })) });
    const version = await seedSplitVersion(api.db, dataset.id, rows.map((row) => ({ frameId: row.id, split: row.split })));

    const threshold = 0.97;
    const order = ["TRAIN", "VAL", "TEST", "DISTINCT"];
    const expected = new Map<string, number>();
    let total = 0;
    let closest = 1; // nearest any cosine comes to the threshold
    const norms = rows.map((row) => Math.hypot(...row.vector));
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = rows[i];
        const b = rows[j];
        const normA = norms[i] ?? 0;
        const normB = norms[j] ?? 0;
        if (!a || !b || a.split === b.split || normA === 0 || normB === 0) continue;
        let dot = 0;
        for (let k = 0; k < 4; k++) dot += (a.vector[k] ?? 0) * (b.vector[k] ?? 0);
        const cosine = dot / (normA * normB);
        closest = Math.min(closest, Math.abs(cosine - threshold));
        if (cosine < threshold) continue;
        const key = [a.split, b.split].sort((x, y) => order.indexOf(x) - order.indexOf(y)).join("/");
        expected.set(key, (expected.get(key) ?? 0) + 1);
        total += 1;
      }
    }
    // Integer vectors of 0–3 have no cosine within 1e-4 of the threshold: float32 rounding cannot move a pair across it.
    expect(closest).toBeGreaterThan(1e-4);
    const report = expectData(await admin.graphql<{ featureLeakageReport: ReportView }>(REPORT, { id: version.id, backboneId: backbone.id, threshold, sample: 200 })).featureLeakageReport;
    expect(total).toBeGreaterThan(1000);
    expect(report.frames).toBe(2100);
    expect(report.framesWithoutVector).toBe(0);
    expect(report.crossSplitPairs).toBe(total);
    expect(pairCounts(report)).toEqual(Object.fromEntries(expected));
    expect(report.examples).toHaveLength(200);
    const byId = new Map<string, (typeof rows)[number]>(rows.map((row) => [row.id, row]));
    for (const example of report.examples) {
      expect(example.splitA).not.toBe(example.splitB);
      expect([byId.get(example.a.id)?.split, byId.get(example.b.id)?.split]).toEqual([example.splitA, example.splitB]);
      expect(example.similarity).toBeGreaterThanOrEqual(threshold);
    }
    expect(report.examples.map((e) => e.similarity)).toEqual([...report.examples.map((e) => e.similarity)].sort((x, y) => y - x));

    // Only far-apart directions across splits: a clean report.
    const { version: clean, backbone: cleanBackbone } = await seedVersion([], [
      ["a", "TRAIN", unit(0)],
      ["b", "TEST", unit(1)],
      ["c", "VAL", unit(2)],
    ]);
    const none = expectData(await admin.graphql<{ featureLeakageReport: ReportView }>(REPORT, { id: clean.id, backboneId: cleanBackbone.id })).featureLeakageReport;
    expect(none).toMatchObject({ crossSplitPairs: 0, examples: [], frames: 3, framesWithoutVector: 0 });
  });

  it("refuses unknown backbones, backbones without vectors here, thresholds out of range; only admins and the dataset's reviewers may read it", async () => {
    const [reviewer, labeller, viewer] = await Promise.all([signedIn(api, { role: "REVIEWER" }), signedIn(api, { role: "LABELER" }), signedIn(api, { role: "VIEWER" })]);
    const { version, backbone } = await seedVersion([reviewer, labeller, viewer], KNOWN.slice(0, 8));
    const ask = (caller: Caller, variables: Record<string, unknown>) => caller.graphql(REPORT, { id: version.id, backboneId: backbone.id, ...variables });

    const unknown = await ask(admin, { backboneId: randomUUID() });
    expectError(unknown, "NOT_FOUND");
    expect(unknown.errors?.[0]?.message).toBe("Backbone not found.");
    expectError(await ask(admin, { backboneId: "not-an-id" }), "BAD_USER_INPUT");

    const elsewhere = await seedBackbone();
    const otherDataset = await seedVersion([], [["x", "TRAIN", unit(0)]]);
    await api.db.featureVector.create({ data: { frameId: otherDataset.id("x"), backboneId: elsewhere.id, vector: vectorBytes(unit(0)) } });
    const noVectors = await ask(admin, { backboneId: elsewhere.id });
    expectError(noVectors, "BAD_USER_INPUT");
    expect(noVectors.errors?.[0]?.message).toMatch(/has .* features: extract them/);

    for (const threshold of [0.4, 1.01, -1]) {
      const response = await ask(admin, { threshold });
      expectError(response, "BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/threshold.*0\.5 to 1/);
    }
    expectError(await ask(admin, { sample: 201 }), "BAD_USER_INPUT");

    expectError(await ask(labeller, {}), "FORBIDDEN");
    expectError(await ask(viewer, {}), "FORBIDDEN");
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await ask(outsider, {}), "NOT_FOUND");
    expect(expectData(await ask(reviewer, {})).featureLeakageReport).toBeTruthy();
  });

  it("says to extract again when a stored vector does not fit the backbone", async () => {
    const { version, backbone, id } = await seedVersion([], [["a", "TRAIN", unit(0)], ["b", "TEST", unit(0)]]);
    await api.db.featureVector.update({ where: { frameId_backboneId: { frameId: id("b"), backboneId: backbone.id } }, data: { vector: vectorBytes([1, 2, 3]) } });
    const response = await admin.graphql(REPORT, { id: version.id, backboneId: backbone.id });
    expectError(response, "BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/3 values, but the backbone has 8: extract its features again/);
  });
});
