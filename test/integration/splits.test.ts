import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Split } from "@kao/db";
import { seedDataset } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import {
  CREATE_SPLIT,
  SPLIT_VERSION_FIELDS,
  assignmentsOf,
  scenesOf,
  seedLabelledTitle,
  type Result,
  type SplitVersionView,
} from "./support/split-fixtures.ts";

let api: TestApi;
let admin: Caller;
beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api.close());

const SPLIT_VERSION = `query($id: ID!) { splitVersion(id: $id) { ${SPLIT_VERSION_FIELDS} } }`;
const SPLIT_VERSIONS = `query($datasetId: ID!) { splitVersions(datasetId: $datasetId) { edges { node { id name current } } } }`;
const SET_DISTINCT = `mutation($titleId: ID!, $distinct: Boolean!) {
  setTitleDistinct(titleId: $titleId, distinct: $distinct) {
    __typename
    ... on SetTitleDistinctSuccess { data { id isDistinct } }
    ... on Error { message }
  }
}`;
const RESPLIT = `mutation($id: ID!, $input: ResplitInput) {
  resplit(id: $id, input: $input) {
    __typename
    ... on ResplitSuccess { data { ${SPLIT_VERSION_FIELDS} } }
    ... on Error { message }
  }
}`;
const LOCK = `mutation($id: ID!) { lockSplit(id: $id) { id locked lockedAt } }`;
const APPEND = `mutation($id: ID!) {
  appendToSplit(id: $id) {
    __typename
    ... on AppendToSplitSuccess { data { ${SPLIT_VERSION_FIELDS} } }
    ... on Error { message }
  }
}`;

async function createSplit(datasetId: string, input: Record<string, unknown>, caller: Caller = admin) {
  const response = await caller.graphql<{ createSplit: Result<SplitVersionView> }>(CREATE_SPLIT, { datasetId, input });
  return response;
}
async function createdSplit(datasetId: string, input: Record<string, unknown>) {
  const result = expectData(await createSplit(datasetId, input)).createSplit;
  expect(result.__typename, JSON.stringify(result)).toBe("CreateSplitSuccess");
  return result.data as SplitVersionView;
}

/** Row counts that a refused change must leave as they were. */
async function snapshot(datasetId: string) {
  const db = api.db;
  return {
    versions: await db.splitVersion.count({ where: { datasetId } }),
    assignments: await db.splitAssignment.count({ where: { splitVersion: { datasetId } } }),
    frameSplits: (await db.frame.findMany({ where: { datasetId }, select: { id: true, split: true }, orderBy: { id: "asc" } })).map((f) => `${f.id}:${f.split}`),
    titles: (await db.title.findMany({ where: { datasetId }, select: { id: true, isDistinct: true }, orderBy: { id: "asc" } })).map((t) => `${t.id}:${t.isDistinct}`),
  };
}

/** A dataset with two ordinary titles, one distinct title, and frames that must stay out (UNSURE, unlabelled). */
async function seedSplittable() {
  const dataset = await seedDataset(api.db);
  const alpha = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Alpha", scenes: scenesOf(12, 3), loose: ["FACE", "NO_FACE", "FACE", null] });
  const beta = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Beta, the \"second\"", scenes: [...scenesOf(8, 4), ["UNSURE", "UNSURE"]] });
  const held = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Held out", distinct: true, scenes: scenesOf(3, 2) });
  const splittable = [...alpha.frames, ...beta.frames, ...held.frames].filter((f) => f.label === "FACE" || f.label === "NO_FACE");
  return { dataset, alpha, beta, held, splittable };
}

describe("createSplit", () => {
  it("splits every FACE/NO_FACE frame by scene, holds the distinct title out, and makes Frame.split follow", async () => {
    const { dataset, alpha, beta, held, splittable } = await seedSplittable();
    const version = await createdSplit(dataset.id, { name: "v1", seed: 42 });

    expect(version).toMatchObject({ name: "v1", seed: 42, locked: false, current: true, pendingCount: 0, staleCount: 0, frameCount: splittable.length });
    expect(version.ratios).toEqual({ train: 0.48, val: 0.2, test: 0.32 });
    expect(version.exportUrls).toEqual({ csv: `/exports/${version.id}.csv`, jsonl: `/exports/${version.id}.jsonl`, zip: `/exports/${version.id}.zip` });

    const assigned = await assignmentsOf(api.db, version.id);
    expect([...assigned.keys()].sort()).toEqual(splittable.map((f) => f.id).sort());
    for (const frame of held.frames) expect(assigned.get(frame.id)).toBe("DISTINCT");
    for (const frame of [...alpha.frames, ...beta.frames].filter((f) => assigned.has(f.id))) expect(assigned.get(frame.id)).not.toBe("DISTINCT");
    const sceneSplits = new Map<string, Set<Split | undefined>>();
    for (const frame of splittable.filter((f) => f.sceneId)) sceneSplits.set(frame.sceneId ?? "", (sceneSplits.get(frame.sceneId ?? "") ?? new Set()).add(assigned.get(frame.id)));
    expect([...sceneSplits.values()].every((splits) => splits.size === 1)).toBe(true);
    // Every held-in split got something: 48/20/32 of 12 three-frame scenes and 8 four-frame scenes.
    for (const split of ["TRAIN", "VAL", "TEST"] as const) expect([...assigned.values()]).toContain(split);

    const frames = await api.db.frame.findMany({ where: { datasetId: dataset.id }, select: { id: true, split: true } });
    for (const frame of frames) expect(frame.split).toBe(assigned.get(frame.id) ?? "UNASSIGNED");

    const counts = Object.fromEntries(version.splits.map((count) => [count.split, count]));
    for (const split of ["TRAIN", "VAL", "TEST", "DISTINCT"] as const) {
      const ids = [...assigned].filter(([, s]) => s === split).map(([id]) => id);
      const faces = splittable.filter((f) => ids.includes(f.id) && f.label === "FACE").length;
      expect(counts[split]).toMatchObject({ frames: ids.length, face: faces, noFace: ids.length - faces, unlabelled: 0 });
    }
    const byTitle = Object.fromEntries(version.titles.map((row) => [row.title.name, row]));
    expect(Object.keys(byTitle).sort()).toEqual(["Alpha", "Beta, the \"second\"", "Held out"]);
    expect(byTitle["Held out"]?.title.isDistinct).toBe(true);
    expect(byTitle["Held out"]?.splits.find((s) => s.split === "DISTINCT")?.frames).toBe(6);
  });

  it("gives the same assignments for the same seed and labels", async () => {
    const { dataset } = await seedSplittable();
    const first = await createdSplit(dataset.id, { name: "a", seed: 7 });
    const second = await createdSplit(dataset.id, { name: "b", seed: 7 });
    expect(await assignmentsOf(api.db, second.id)).toEqual(await assignmentsOf(api.db, first.id));
    const versions = expectData(await admin.graphql<{ splitVersions: { edges: { node: { name: string; current: boolean } }[] } }>(SPLIT_VERSIONS, { datasetId: dataset.id }));
    expect(versions.splitVersions.edges.map((edge) => edge.node)).toMatchObject([{ name: "b", current: true }, { name: "a", current: false }]);
  });

  it("refuses ratios that do not sum to 1, negative ratios, and a taken name, changing nothing", async () => {
    const { dataset } = await seedSplittable();
    await createdSplit(dataset.id, { name: "taken", seed: 1 });
    const before = await snapshot(dataset.id);

    const sum = expectData(await createSplit(dataset.id, { name: "bad", ratios: { train: 0.5, val: 0.2, test: 0.2 } })).createSplit;
    expect(sum).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "ratios", message: "Ratios must sum to 1 (train + val + test = 0.9)." }] });
    const negative = expectData(await createSplit(dataset.id, { name: "bad", ratios: { train: 1.2, val: -0.2, test: 0 } })).createSplit;
    expect(negative).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "ratios", message: "Each ratio must be a number of 0 or more." }] });
    const taken = expectData(await createSplit(dataset.id, { name: "taken" })).createSplit;
    expect(taken.__typename).toBe("ConflictError");
    expect(taken.message).toMatch(/already has a split named "taken"/);

    expect(await snapshot(dataset.id)).toEqual(before);
  });

  it("refuses a dataset with nothing labelled", async () => {
    const dataset = await seedDataset(api.db);
    await seedLabelledTitle(api.db, { datasetId: dataset.id, scenes: [[null, "UNSURE"]] });
    const result = expectData(await createSplit(dataset.id, { name: "v1" })).createSplit;
    expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining("nothing to split") });
    expect(await api.db.splitVersion.count({ where: { datasetId: dataset.id } })).toBe(0);
  });

  it("is for admins; members read versions, non-members get NOT_FOUND", async () => {
    const reviewer = await signedIn(api, { role: "REVIEWER" });
    const viewer = await signedIn(api, { role: "VIEWER" });
    const outsider = await signedIn(api, { role: "REVIEWER" });
    const dataset = await seedDataset(api.db, { members: [reviewer.user, viewer.user] });
    await seedLabelledTitle(api.db, { datasetId: dataset.id, scenes: scenesOf(4, 2) });

    expectError(await createSplit(dataset.id, { name: "v1" }, reviewer), "FORBIDDEN");
    const version = await createdSplit(dataset.id, { name: "v1" });
    expectError(await reviewer.graphql(LOCK, { id: version.id }), "FORBIDDEN");

    expect(expectData(await viewer.graphql<{ splitVersion: SplitVersionView }>(SPLIT_VERSION, { id: version.id })).splitVersion.frameCount).toBe(8);
    expectError(await outsider.graphql(SPLIT_VERSION, { id: version.id }), "NOT_FOUND");
    expectError(await outsider.graphql(SPLIT_VERSIONS, { datasetId: dataset.id }), "NOT_FOUND");
  });
});

describe("setTitleDistinct", () => {
  it("refuses a title with no labelled frames, changing nothing", async () => {
    const dataset = await seedDataset(api.db);
    const empty = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Unlabelled", scenes: [[null, "UNSURE", null]] });
    const before = await snapshot(dataset.id);
    const result = expectData(await admin.graphql<{ setTitleDistinct: Result<unknown> }>(SET_DISTINCT, { titleId: empty.title.id, distinct: true })).setTitleDistinct;
    expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining('"Unlabelled" has no labelled frames') });
    expect(await snapshot(dataset.id)).toEqual(before);
  });

  it("refuses while the locked current split holds the title; a new version lifts it, and then needs a resplit", async () => {
    const { dataset, alpha } = await seedSplittable();
    const v1 = await createdSplit(dataset.id, { name: "v1", seed: 3 });
    expectData(await admin.graphql(LOCK, { id: v1.id }));
    const before = await snapshot(dataset.id);
    const v1Assignments = await assignmentsOf(api.db, v1.id);

    const refused = expectData(await admin.graphql<{ setTitleDistinct: Result<unknown> }>(SET_DISTINCT, { titleId: alpha.title.id, distinct: true })).setTitleDistinct;
    expect(refused).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining('current split "v1" is locked') });
    expect(await snapshot(dataset.id)).toEqual(before);

    const v2 = await createdSplit(dataset.id, { name: "v2", seed: 3 });
    const allowed = expectData(await admin.graphql<{ setTitleDistinct: Result<{ isDistinct: boolean }> }>(SET_DISTINCT, { titleId: alpha.title.id, distinct: true })).setTitleDistinct;
    expect(allowed).toMatchObject({ __typename: "SetTitleDistinctSuccess", data: { isDistinct: true } });

    const stale = expectData(await admin.graphql<{ splitVersion: SplitVersionView }>(SPLIT_VERSION, { id: v2.id })).splitVersion;
    expect(stale.staleCount).toBe(alpha.frames.filter((f) => f.label === "FACE" || f.label === "NO_FACE").length);
    const append = expectData(await admin.graphql<{ appendToSplit: Result<unknown> }>(APPEND, { id: v2.id })).appendToSplit;
    expect(append).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining("Resplit it first") });

    const resplit = expectData(await admin.graphql<{ resplit: Result<SplitVersionView> }>(RESPLIT, { id: v2.id })).resplit;
    expect(resplit.data?.staleCount).toBe(0);
    const assigned = await assignmentsOf(api.db, v2.id);
    for (const frame of alpha.frames.filter((f) => assigned.has(f.id))) expect(assigned.get(frame.id)).toBe("DISTINCT");
    // v1 stays as it was locked: Alpha's frames are still in TRAIN / VAL / TEST there.
    expect(await assignmentsOf(api.db, v1.id)).toEqual(v1Assignments);
    expect([...v1Assignments].filter(([id]) => alpha.frames.some((f) => f.id === id)).every(([, split]) => split !== "DISTINCT")).toBe(true);
  });
});

describe("lockSplit, resplit and appendToSplit", () => {
  it("refuses to resplit or append to a locked version, changing nothing", async () => {
    const { dataset } = await seedSplittable();
    const version = await createdSplit(dataset.id, { name: "v1", seed: 11 });
    const locked = expectData(await admin.graphql<{ lockSplit: { locked: boolean; lockedAt: string } }>(LOCK, { id: version.id })).lockSplit;
    expect(locked.locked).toBe(true);
    // Locking again changes nothing, not even the time.
    expect(expectData(await admin.graphql<{ lockSplit: { lockedAt: string } }>(LOCK, { id: version.id })).lockSplit.lockedAt).toBe(locked.lockedAt);

    await seedLabelledTitle(api.db, { datasetId: dataset.id, scenes: scenesOf(2, 2) }); // pending frames
    const assignments = await assignmentsOf(api.db, version.id);
    const before = await snapshot(dataset.id);

    const resplit = expectData(await admin.graphql<{ resplit: Result<unknown> }>(RESPLIT, { id: version.id, input: { seed: 12 } })).resplit;
    expect(resplit).toMatchObject({ __typename: "ConflictError", message: 'Split "v1" is locked: its assignments never change. Create a new split version instead.' });
    const append = expectData(await admin.graphql<{ appendToSplit: Result<unknown> }>(APPEND, { id: version.id })).appendToSplit;
    expect(append).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining('Split "v1" is locked') });

    expect(await assignmentsOf(api.db, version.id)).toEqual(assignments);
    expect(await snapshot(dataset.id)).toEqual(before);
    expect(expectData(await admin.graphql<{ splitVersion: SplitVersionView }>(SPLIT_VERSION, { id: version.id })).splitVersion).toMatchObject({ seed: 11, pendingCount: 4 });
  });

  it("resplits an unlocked version with a new seed, keeping scenes whole", async () => {
    const { dataset } = await seedSplittable();
    const version = await createdSplit(dataset.id, { name: "v1", seed: 1 });
    const resplit = expectData(await admin.graphql<{ resplit: Result<SplitVersionView> }>(RESPLIT, { id: version.id, input: { seed: 2, ratios: { train: 0.6, val: 0.2, test: 0.2 } } })).resplit;
    expect(resplit.data).toMatchObject({ seed: 2, ratios: { train: 0.6, val: 0.2, test: 0.2 }, frameCount: version.frameCount });
    const invalid = expectData(await admin.graphql<{ resplit: Result<unknown> }>(RESPLIT, { id: version.id, input: { ratios: { train: 0.6, val: 0.6, test: 0 } } })).resplit;
    expect(invalid.__typename).toBe("ValidationError");
  });

  it("appends newly labelled frames without moving any: frames of a split scene join it, new scenes are balanced", async () => {
    const { dataset, alpha } = await seedSplittable();
    const version = await createdSplit(dataset.id, { name: "v1", seed: 5 });
    const before = await assignmentsOf(api.db, version.id);

    // One more labelled frame in an existing scene, a new title, and a distinct title's new frame.
    const scene = alpha.frames.find((f) => f.sceneId)?.sceneId ?? "";
    const sceneSplit = before.get(alpha.frames.find((f) => f.sceneId === scene)?.id ?? "");
    const joiner = await api.db.frame.create({
      data: { datasetId: dataset.id, titleId: alpha.title.id, sceneId: scene, sourceName: "x.jpg", storageKey: "x", sha256: "c".repeat(64), width: 1, height: 1, consensus: { create: { label: "FACE", method: "UNANIMOUS" } } },
    });
    const gamma = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Gamma", scenes: scenesOf(10, 2) });
    const pending = expectData(await admin.graphql<{ splitVersion: SplitVersionView }>(SPLIT_VERSION, { id: version.id })).splitVersion.pendingCount;
    expect(pending).toBe(21);

    const appended = expectData(await admin.graphql<{ appendToSplit: Result<SplitVersionView> }>(APPEND, { id: version.id })).appendToSplit;
    expect(appended.data).toMatchObject({ pendingCount: 0, frameCount: version.frameCount + 21 });
    const after = await assignmentsOf(api.db, version.id);
    for (const [frameId, split] of before) expect(after.get(frameId)).toBe(split);
    expect(after.get(joiner.id)).toBe(sceneSplit);
    const gammaSplits = gamma.frames.map((f) => after.get(f.id));
    expect(gammaSplits).not.toContain(undefined);
    expect(gammaSplits).not.toContain("DISTINCT");
    expect(new Set(gammaSplits).size).toBeGreaterThan(1); // 10 scenes spread over the splits
    const frames = await api.db.frame.findMany({ where: { id: { in: [joiner.id, ...gamma.frames.map((f) => f.id)] } }, select: { id: true, split: true } });
    for (const frame of frames) expect(frame.split).toBe(after.get(frame.id)); // the current version: Frame.split follows
  });
});
