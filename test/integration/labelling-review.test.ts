import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { caller, nextFrames, readFrame, seedLabelling, submit, type Label } from "./support/labelling.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const REVIEW_QUEUE = `query($datasetId: ID!, $first: Int, $after: String) {
  reviewQueue(datasetId: $datasetId, first: $first, after: $after) {
    edges { node { id labelStatus annotations { label rules user { id } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ADJUDICATE = `mutation($frameId: ID!, $label: Label!, $note: String) {
  adjudicate(frameId: $frameId, label: $label, note: $note) {
    frame { id labelStatus consensus { label method note adjudicatedBy { id } } }
  }
}`;
const HISTORY = `query($frameId: ID!) { frameHistory(frameId: $frameId) { at kind label rules note actor { id } } }`;
const ANNOTATIONS = `query($id: ID!) { frame(id: $id) { id annotations { label user { id } } } }`;
const UNDO = `mutation($frameId: ID!) { undoLabel(frameId: $frameId) { frame { id } } }`;
const UPDATE_OVERLAP = `mutation($id: ID!, $overlap: Int!) {
  updateDataset(id: $id, input: { overlap: $overlap }) { __typename ... on UpdateDatasetSuccess { data { overlap } } }
}`;

type QueueShape = { reviewQueue: { edges: { node: { id: string; labelStatus: string; annotations: { label: Label; rules: string[]; user: { id: string } }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
type Adjudicated = { adjudicate: { frame: { id: string; labelStatus: string; consensus: { label: Label; method: string; note: string | null; adjudicatedBy: { id: string } | null } } } };
type History = { frameHistory: { at: string; kind: string; label: Label | null; rules: string[]; note: string | null; actor: { id: string } | null }[] };

/** A dataset with overlap 2 whose first `tied` frames are in REVIEW (FACE vs NO_FACE), and a reviewer. */
async function withTies(tied: number, frames = tied) {
  const world = await seedLabelling(api, { overlap: 2, frames, roles: ["LABELER", "LABELER", "REVIEWER"] });
  const [a, b] = [caller(world.callers, 0), caller(world.callers, 1)];
  for (const frame of world.frames.slice(0, tied)) {
    await submit(a, world.dataset.id, [{ frameId: frame.id, label: "FACE", rules: ["Profile"] }]);
    await submit(b, world.dataset.id, [{ frameId: frame.id, label: "NO_FACE" }]);
  }
  return { ...world, a, b, reviewer: caller(world.callers, 2) };
}

describe("reviewQueue", () => {
  it("lists frames in review oldest first, with everyone's annotations, page by page", async () => {
    const { dataset, frames, a, b, reviewer } = await withTies(3, 4);

    const first = expectData(await reviewer.graphql<QueueShape>(REVIEW_QUEUE, { datasetId: dataset.id, first: 2 })).reviewQueue;
    const rest = expectData(await reviewer.graphql<QueueShape>(REVIEW_QUEUE, { datasetId: dataset.id, first: 2, after: first.pageInfo.endCursor })).reviewQueue;

    expect([...first.edges, ...rest.edges].map((edge) => edge.node.id)).toEqual(frames.slice(0, 3).map((frame) => frame.id));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(first.edges[0]?.node.annotations).toEqual([
      { label: "FACE", rules: ["Profile"], user: { id: a.user.id } },
      { label: "NO_FACE", rules: [], user: { id: b.user.id } },
    ]);
  });

  it("is FORBIDDEN to labellers and NOT_FOUND for reviewers outside the dataset", async () => {
    const { dataset, a } = await withTies(1);
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await a.graphql(REVIEW_QUEUE, { datasetId: dataset.id }), "FORBIDDEN");
    expectError(await outsider.graphql(REVIEW_QUEUE, { datasetId: dataset.id }), "NOT_FOUND");
    expectError(await outsider.graphql(REVIEW_QUEUE, { datasetId: randomUUID() }), "NOT_FOUND");
  });
});

describe("adjudicate", () => {
  it("makes a frame DONE with the reviewer's label, note and name, and audits it", async () => {
    const { frames, reviewer, a } = await withTies(1);
    const frameId = frames[0]?.id ?? "";

    const result = expectData(await reviewer.graphql<Adjudicated>(ADJUDICATE, { frameId, label: "FACE", note: "Profile counts." })).adjudicate.frame;

    expect(result).toEqual({ id: frameId, labelStatus: "DONE", consensus: { label: "FACE", method: "ADJUDICATED", note: "Profile counts.", adjudicatedBy: { id: reviewer.user.id } } });
    expect(await readFrame(a, frameId)).toMatchObject({ labelStatus: "DONE", consensus: { label: "FACE", method: "ADJUDICATED" } });
    const audit = await api.db.auditLog.findMany({ where: { action: "label.adjudicate", targetId: frameId } });
    expect(audit).toMatchObject([{ actorId: reviewer.user.id, targetType: "Frame", data: { label: "FACE", note: "Profile counts." } }]);
    // A labeller cannot change the decided frame any more.
    const dataset = frames[0]?.datasetId ?? "";
    expect((await submit(a, dataset, [{ frameId, label: "NO_FACE" }])).rejected.map((rejection) => rejection.code)).toEqual(["CLOSED"]);
  });

  it("overrides a DONE frame", async () => {
    const { dataset, frames, a, b, reviewer } = await withTies(0, 1);
    const frameId = frames[0]?.id ?? "";
    await submit(a, dataset.id, [{ frameId, label: "FACE" }]);
    await submit(b, dataset.id, [{ frameId, label: "FACE" }]);

    const result = expectData(await reviewer.graphql<Adjudicated>(ADJUDICATE, { frameId, label: "NO_FACE" })).adjudicate.frame;
    expect(result.consensus).toMatchObject({ label: "NO_FACE", method: "ADJUDICATED", note: null });
  });

  it("is FORBIDDEN to labellers and NOT_FOUND for reviewers outside the dataset, changing nothing", async () => {
    const { frames, a } = await withTies(1);
    const frameId = frames[0]?.id ?? "";
    const outsider = await signedIn(api, { role: "REVIEWER" });

    expectError(await a.graphql(ADJUDICATE, { frameId, label: "FACE" }), "FORBIDDEN");
    expectError(await outsider.graphql(ADJUDICATE, { frameId, label: "FACE" }), "NOT_FOUND");
    expect(await api.db.frame.findUniqueOrThrow({ where: { id: frameId } })).toMatchObject({ labelStatus: "REVIEW" });
    expect(await api.db.consensus.count({ where: { frameId } })).toBe(0);
  });
});

describe("who sees labels", () => {
  it("keeps other people's annotations from labellers", async () => {
    const { frames, a, reviewer } = await withTies(1);
    const frameId = frames[0]?.id ?? "";
    expectError(await a.graphql(ANNOTATIONS, { id: frameId }), "FORBIDDEN");
    expect(expectData(await reviewer.graphql<{ frame: { annotations: unknown[] } }>(ANNOTATIONS, { id: frameId })).frame.annotations).toHaveLength(2);
  });
});

describe("frameHistory", () => {
  it("lists labels, changes, undos and adjudications for reviewers, and only their own revisions for a labeller", async () => {
    const { dataset, frames, reviewer } = await withTies(0, 1);
    const world = await seedLabelling(api, { frames: 0, roles: ["LABELER"] });
    const c: Caller = caller(world.callers, 0);
    await api.db.datasetMember.create({ data: { datasetId: dataset.id, userId: c.user.id } });
    const frameId = frames[0]?.id ?? "";
    await submit(c, dataset.id, [{ frameId, label: "FACE", rules: ["Profile"] }]);
    await submit(c, dataset.id, [{ frameId, label: "UNSURE" }]);
    expectData(await c.graphql(UNDO, { frameId }));
    const other = caller((await seedLabelling(api, { frames: 0, roles: ["LABELER"] })).callers, 0);
    await api.db.datasetMember.create({ data: { datasetId: dataset.id, userId: other.user.id } });
    await submit(other, dataset.id, [{ frameId, label: "NO_FACE" }]);
    expectData(await reviewer.graphql(ADJUDICATE, { frameId, label: "NO_FACE", note: "No face visible." }));

    const everything = expectData(await reviewer.graphql<History>(HISTORY, { frameId })).frameHistory;
    expect(everything.map(({ kind, label, rules, note, actor }) => ({ kind, label, rules, note, actor: actor?.id }))).toEqual([
      { kind: "LABEL", label: "FACE", rules: ["Profile"], note: null, actor: c.user.id },
      { kind: "LABEL", label: "UNSURE", rules: [], note: null, actor: c.user.id },
      { kind: "UNDO", label: null, rules: [], note: null, actor: c.user.id },
      { kind: "LABEL", label: "NO_FACE", rules: [], note: null, actor: other.user.id },
      { kind: "ADJUDICATE", label: "NO_FACE", rules: [], note: "No face visible.", actor: reviewer.user.id },
    ]);
    const times = everything.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));

    const own = expectData(await c.graphql<History>(HISTORY, { frameId })).frameHistory;
    expect(own.map((entry) => entry.kind)).toEqual(["LABEL", "LABEL", "UNDO"]);
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await outsider.graphql(HISTORY, { frameId }), "NOT_FOUND");
  });
});

describe("changing a dataset's overlap", () => {
  it("reopens frames with fewer labels when raised, keeps adjudicated ones, and settles them when lowered", async () => {
    const world = await seedLabelling(api, { overlap: 1, frames: 3, roles: ["LABELER", "LABELER", "REVIEWER"] });
    const [a, b, reviewer] = [caller(world.callers, 0), caller(world.callers, 1), caller(world.callers, 2)];
    const admin = await signedIn(api, { role: "ADMIN" });
    const [f0, f1, f2] = world.frames.map((frame) => frame.id);
    if (!f0 || !f1 || !f2) throw new Error("no frames");
    await submit(a, world.dataset.id, [
      { frameId: f0, label: "FACE" },
      { frameId: f1, label: "NO_FACE" },
      { frameId: f2, label: "UNSURE" },
    ]);
    expectData(await reviewer.graphql(ADJUDICATE, { frameId: f1, label: "NO_FACE" }));

    expect(expectData(await admin.graphql(UPDATE_OVERLAP, { id: world.dataset.id, overlap: 2 }))).toMatchObject({ updateDataset: { data: { overlap: 2 } } });

    expect(await readFrame(a, f0)).toMatchObject({ labelStatus: "OPEN", labelCount: 1, consensus: null });
    expect(await readFrame(a, f1)).toMatchObject({ labelStatus: "DONE", consensus: { method: "ADJUDICATED" } });
    expect(await readFrame(a, f2)).toMatchObject({ labelStatus: "OPEN", consensus: null });
    // The reopened frames are back in b's queue.
    expect(new Set((await nextFrames(b, world.dataset.id)).map((task) => task.frame.id))).toEqual(new Set([f0, f2]));

    expectData(await admin.graphql(UPDATE_OVERLAP, { id: world.dataset.id, overlap: 1 }));
    expect(await readFrame(a, f0)).toMatchObject({ labelStatus: "DONE", consensus: { label: "FACE", method: "UNANIMOUS" } });
    expect(await readFrame(a, f2)).toMatchObject({ labelStatus: "REVIEW", consensus: null });
  });
});
