import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Label, LabelStatus } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const PROGRESS = `query($id: ID!) {
  dataset(id: $id) {
    progress {
      frames open inReview done labelled myDecisions
      byTitle { title { id } frames open inReview done labelled }
      byLabeller { user { id } decisions decisionsPerHour lastDecisionAt }
    }
  }
}`;

interface Counts {
  frames: number;
  open: number;
  inReview: number;
  done: number;
  labelled: number;
}
interface ProgressShape extends Counts {
  myDecisions: number;
  byTitle: (Counts & { title: { id: string } })[];
  byLabeller: { user: { id: string }; decisions: number; decisionsPerHour: number | null; lastDecisionAt: string | null }[];
}

interface Decision {
  userId: string;
  label?: Label;
  durationMs: number | null;
  at: Date;
}

/** A frame in a given state with annotations written directly (labelCount in step, as the labelling service keeps it). */
async function seedFrameWith(datasetId: string, titleId: string, status: LabelStatus, decisions: Decision[] = []) {
  const frame = await seedFrame(api.db, { datasetId, titleId });
  await api.db.annotation.createMany({
    data: decisions.map((d) => ({ frameId: frame.id, userId: d.userId, label: d.label ?? "FACE", durationMs: d.durationMs, updatedAt: d.at })),
  });
  await api.db.frame.update({ where: { id: frame.id }, data: { labelStatus: status, labelCount: decisions.length } });
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute));

/**
 *              status  labels
 * T1 f1        OPEN    —
 *    f2        OPEN    L1 (30 s)
 *    f3        REVIEW  L1 (90 s, counted as 60 s), L2
 *    f4        DONE    L1 (no duration), L2
 * T2 f5        DONE    R (0 ms)
 *    f6        OPEN    —
 * T3           (no frames)
 */
async function seedWorld() {
  const l1 = await signedIn(api);
  const l2 = await signedIn(api);
  const reviewer = await signedIn(api, { role: "REVIEWER" });
  const viewer = await signedIn(api, { role: "VIEWER" });
  const dataset = await seedDataset(api.db, { overlap: 2, members: [l1.user, l2.user, reviewer.user, viewer.user] });
  const [t1, t2, t3] = [
    await seedTitle(api.db, { datasetId: dataset.id, name: "A title" }),
    await seedTitle(api.db, { datasetId: dataset.id, name: "B title" }),
    await seedTitle(api.db, { datasetId: dataset.id, name: "C title" }),
  ];
  const [L1, L2, R] = [l1.user.id, l2.user.id, reviewer.user.id];
  await seedFrameWith(dataset.id, t1.id, "OPEN");
  await seedFrameWith(dataset.id, t1.id, "OPEN", [{ userId: L1, durationMs: 30_000, at: at(1) }]);
  await seedFrameWith(dataset.id, t1.id, "REVIEW", [
    { userId: L1, durationMs: 90_000, at: at(2), label: "UNSURE" },
    { userId: L2, durationMs: null, at: at(5) },
  ]);
  await seedFrameWith(dataset.id, t1.id, "DONE", [
    { userId: L1, durationMs: null, at: at(3) },
    { userId: L2, durationMs: null, at: at(4) },
  ]);
  await seedFrameWith(dataset.id, t2.id, "DONE", [{ userId: R, durationMs: 0, at: at(6) }]);
  await seedFrameWith(dataset.id, t2.id, "OPEN");

  // L1's labels elsewhere must not count here.
  const elsewhere = await seedDataset(api.db, { members: [l1.user] });
  const title = await seedTitle(api.db, { datasetId: elsewhere.id });
  await seedFrameWith(elsewhere.id, title.id, "OPEN", [{ userId: L1, durationMs: 1_000, at: at(30) }]);
  return { l1, l2, reviewer, viewer, dataset, t1, t2, t3 };
}

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(async () => {
  world = await seedWorld();
});

const progressOf = async (caller: Caller) =>
  expectData(await caller.graphql<{ dataset: { progress: ProgressShape } }>(PROGRESS, { id: world.dataset.id })).dataset.progress;

describe("Dataset.progress", () => {
  it("counts frames by status, overall and per title (titles without frames included)", async () => {
    const progress = await progressOf(world.reviewer);
    expect(progress).toMatchObject({ frames: 6, open: 3, inReview: 1, done: 2, labelled: 4 });
    expect(progress.byTitle).toEqual([
      { title: { id: world.t1.id }, frames: 4, open: 2, inReview: 1, done: 1, labelled: 3 },
      { title: { id: world.t2.id }, frames: 2, open: 1, inReview: 0, done: 1, labelled: 1 },
      { title: { id: world.t3.id }, frames: 0, open: 0, inReview: 0, done: 0, labelled: 0 },
    ]);
  });

  it("shows reviewers every labeller, busiest first, with capped rates and last decisions", async () => {
    const progress = await progressOf(world.reviewer);
    expect(progress.myDecisions).toBe(1);
    expect(progress.byLabeller).toEqual([
      // 2 timed decisions in 30 s + 60 s (90 s capped) = 1/40 h → 80 per hour; 3 decisions in all.
      { user: { id: world.l1.user.id }, decisions: 3, decisionsPerHour: 80, lastDecisionAt: at(3).toISOString() },
      // No durations: no rate.
      { user: { id: world.l2.user.id }, decisions: 2, decisionsPerHour: null, lastDecisionAt: at(5).toISOString() },
      // Only a zero duration: no time to divide by, so no rate either.
      { user: { id: world.reviewer.user.id }, decisions: 1, decisionsPerHour: null, lastDecisionAt: at(6).toISOString() },
    ]);
  });

  it("shows a labeller only their own row", async () => {
    const progress = await progressOf(world.l1);
    expect(progress.myDecisions).toBe(3);
    expect(progress.byLabeller).toEqual([{ user: { id: world.l1.user.id }, decisions: 3, decisionsPerHour: 80, lastDecisionAt: at(3).toISOString() }]);
    expect(progress).toMatchObject({ frames: 6, open: 3, inReview: 1, done: 2, labelled: 4 });
  });

  it("shows a viewer without labels no labeller rows and zero decisions", async () => {
    const progress = await progressOf(world.viewer);
    expect(progress).toMatchObject({ frames: 6, myDecisions: 0, byLabeller: [] });
  });

  it("shows an admin who is not a member everyone", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const progress = await progressOf(admin);
    expect(progress.byLabeller.map((row) => row.user.id)).toEqual([world.l1.user.id, world.l2.user.id, world.reviewer.user.id]);
    expect(progress.myDecisions).toBe(0);
  });

  it("is out of reach of non-members", async () => {
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await outsider.graphql(PROGRESS, { id: world.dataset.id }), "NOT_FOUND");
  });

  it("is all zeros for an empty dataset", async () => {
    const member = await signedIn(api);
    const dataset = await seedDataset(api.db, { members: [member.user] });
    const result = expectData(await member.graphql<{ dataset: { progress: ProgressShape } }>(PROGRESS, { id: dataset.id }));
    expect(result.dataset.progress).toEqual({ frames: 0, open: 0, inReview: 0, done: 0, labelled: 0, myDecisions: 0, byTitle: [], byLabeller: [] });
  });
});
