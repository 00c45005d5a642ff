import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Label } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const AGREEMENT = `query($datasetId: ID!, $titleId: ID) {
  agreement(datasetId: $datasetId, titleId: $titleId) {
    frames percentAgreement fleissKappa krippendorffAlpha
    byTitle { title { id name } frames percentAgreement fleissKappa krippendorffAlpha }
    pairs { a { id email } b { id email } frames cohenKappa percentAgreement }
    byLabeller { user { id } frames percentAgreement meanCohenKappa }
  }
}`;

interface Figures {
  frames: number;
  percentAgreement: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
}
interface AgreementShape extends Figures {
  byTitle: (Figures & { title: { id: string; name: string } })[];
  pairs: { a: { id: string; email: string }; b: { id: string; email: string }; frames: number; cohenKappa: number | null; percentAgreement: number | null }[];
  byLabeller: { user: { id: string }; frames: number; percentAgreement: number | null; meanCohenKappa: number | null }[];
}

/** Frames with the given labels, annotations written directly (as the labelling service would, labelCount in step). */
async function seedLabelledFrame(datasetId: string, titleId: string, labels: [userId: string, label: Label][]) {
  const frame = await seedFrame(api.db, { datasetId, titleId });
  await api.db.annotation.createMany({ data: labels.map(([userId, label]) => ({ frameId: frame.id, userId, label })) });
  await api.db.frame.update({ where: { id: frame.id }, data: { labelCount: labels.length, labelStatus: labels.length >= 2 ? "DONE" : "OPEN" } });
  return frame;
}

/**
 * Three labellers A, B, C on two titles (the same table as compute-agreement.test.ts, worked by hand):
 *        A        B        C
 * f1 T1  FACE     FACE     FACE
 * f2 T1  FACE     NO_FACE  ·
 * f3 T1  NO_FACE  NO_FACE  NO_FACE
 * f4 T1  NO_FACE  ·        FACE
 * f5 T2  ·        FACE     FACE
 * f6 T2  UNSURE   FACE     ·
 * f7 T2  FACE     ·        ·        (one label: not counted)
 */
async function seedWorld() {
  const [a, b, c] = [await signedIn(api), await signedIn(api), await signedIn(api)];
  const reviewer = await signedIn(api, { role: "REVIEWER" });
  const viewer = await signedIn(api, { role: "VIEWER" });
  const dataset = await seedDataset(api.db, { overlap: 2, members: [a.user, b.user, c.user, reviewer.user, viewer.user] });
  const tag = randomUUID().slice(0, 8);
  const t1 = await seedTitle(api.db, { datasetId: dataset.id, name: `Alpha ${tag}` });
  const t2 = await seedTitle(api.db, { datasetId: dataset.id, name: `Beta ${tag}` });
  const [A, B, C] = [a.user.id, b.user.id, c.user.id];
  await seedLabelledFrame(dataset.id, t1.id, [[A, "FACE"], [B, "FACE"], [C, "FACE"]]);
  await seedLabelledFrame(dataset.id, t1.id, [[A, "FACE"], [B, "NO_FACE"]]);
  await seedLabelledFrame(dataset.id, t1.id, [[A, "NO_FACE"], [B, "NO_FACE"], [C, "NO_FACE"]]);
  await seedLabelledFrame(dataset.id, t1.id, [[A, "NO_FACE"], [C, "FACE"]]);
  await seedLabelledFrame(dataset.id, t2.id, [[B, "FACE"], [C, "FACE"]]);
  await seedLabelledFrame(dataset.id, t2.id, [[A, "UNSURE"], [B, "FACE"]]);
  await seedLabelledFrame(dataset.id, t2.id, [[A, "FACE"]]);
  await seedFrame(api.db, { datasetId: dataset.id, titleId: t2.id });
  return { a, b, c, reviewer, viewer, dataset, t1, t2 };
}

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(async () => {
  world = await seedWorld();
});

const agreementOf = async (caller: Caller, variables: { datasetId: string; titleId?: string }) =>
  expectData(await caller.graphql<{ agreement: AgreementShape }>(AGREEMENT, variables)).agreement;

/** A pair's figures keyed by its two user ids in a fixed order, whichever way the API lists them. */
const pairKey = (x: string, y: string) => [x, y].sort().join("+");

describe("agreement", () => {
  it("computes the hand-worked overall and per-title figures", async () => {
    const result = await agreementOf(world.reviewer, { datasetId: world.dataset.id });
    expect(result.frames).toBe(6);
    expect(result.percentAgreement).toBeCloseTo(0.5, 10);
    expect(result.fleissKappa).toBeCloseTo(8 / 106, 10); // P̄ = 0.5, P_e = 90/196
    expect(result.krippendorffAlpha).toBeCloseTo(28 / 106, 10); // 1 − 13 · 6 / 106

    expect(result.byTitle.map((row) => row.title.id)).toEqual([world.t1.id, world.t2.id]);
    const [t1, t2] = result.byTitle;
    expect(t1).toMatchObject({ frames: 4, percentAgreement: 0.5, fleissKappa: 0 });
    expect(t1?.krippendorffAlpha).toBeCloseTo(0.28, 10);
    expect(t2).toMatchObject({ frames: 2, percentAgreement: 0.5 });
    expect(t2?.fleissKappa).toBeCloseTo(-1 / 3, 10);
    expect(t2?.krippendorffAlpha).toBeCloseTo(0, 10);
  });

  it("gives reviewers Cohen's κ for every pair and each labeller against the others", async () => {
    const result = await agreementOf(world.reviewer, { datasetId: world.dataset.id });
    const [A, B, C] = [world.a.user.id, world.b.user.id, world.c.user.id];

    const pairs = new Map(result.pairs.map((pair) => [pairKey(pair.a.id, pair.b.id), pair]));
    expect(result.pairs).toHaveLength(3);
    expect(pairs.get(pairKey(A, B))).toMatchObject({ frames: 4, percentAgreement: 0.5 });
    expect(pairs.get(pairKey(A, B))?.cohenKappa).toBeCloseTo(0.2, 10);
    expect(pairs.get(pairKey(A, C))).toMatchObject({ frames: 3 });
    expect(pairs.get(pairKey(A, C))?.percentAgreement).toBeCloseTo(2 / 3, 10);
    expect(pairs.get(pairKey(A, C))?.cohenKappa).toBeCloseTo(0.4, 10);
    expect(pairs.get(pairKey(B, C))).toMatchObject({ frames: 3, percentAgreement: 1, cohenKappa: 1 });
    // Within a pair and across pairs, people are listed by email.
    for (const pair of result.pairs) expect(pair.a.email < pair.b.email).toBe(true);

    const people = new Map(result.byLabeller.map((row) => [row.user.id, row]));
    expect(result.byLabeller).toHaveLength(3);
    expect(people.get(A)).toMatchObject({ frames: 5 });
    expect(people.get(A)?.percentAgreement).toBeCloseTo(4 / 7, 10);
    expect(people.get(A)?.meanCohenKappa).toBeCloseTo(0.3, 10);
    expect(people.get(B)?.percentAgreement).toBeCloseTo(5 / 7, 10);
    expect(people.get(B)?.meanCohenKappa).toBeCloseTo(0.6, 10);
    expect(people.get(C)).toMatchObject({ frames: 4 });
    expect(people.get(C)?.percentAgreement).toBeCloseTo(5 / 6, 10);
    expect(people.get(C)?.meanCohenKappa).toBeCloseTo(0.7, 10);
  });

  it("limits everything to one title when asked, with κ null where a pair used one label throughout", async () => {
    const result = await agreementOf(world.reviewer, { datasetId: world.dataset.id, titleId: world.t2.id });
    const [A, B, C] = [world.a.user.id, world.b.user.id, world.c.user.id];
    expect(result).toMatchObject({ frames: 2, percentAgreement: 0.5 });
    expect(result.fleissKappa).toBeCloseTo(-1 / 3, 10);
    expect(result.byTitle.map((row) => row.title.id)).toEqual([world.t2.id]);
    const pairs = new Map(result.pairs.map((pair) => [pairKey(pair.a.id, pair.b.id), pair]));
    expect(result.pairs).toHaveLength(2);
    // f6: A UNSURE, B FACE — one frame, no agreement, none expected: κ = 0.
    expect(pairs.get(pairKey(A, B))).toMatchObject({ frames: 1, percentAgreement: 0, cohenKappa: 0 });
    // f5: B and C both FACE — p_e = 1, κ undefined.
    expect(pairs.get(pairKey(B, C))).toMatchObject({ frames: 1, percentAgreement: 1, cohenKappa: null });
  });

  it("shows labellers and viewers the overall figures but no pairs or per-labeller rows", async () => {
    const full = await agreementOf(world.reviewer, { datasetId: world.dataset.id });
    for (const caller of [world.a, world.viewer]) {
      const result = await agreementOf(caller, { datasetId: world.dataset.id });
      expect(result).toEqual({ ...full, pairs: [], byLabeller: [] });
    }
  });

  it("lets an admin who is not a member read everything", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const result = await agreementOf(admin, { datasetId: world.dataset.id });
    expect(result.frames).toBe(6);
    expect(result.pairs).toHaveLength(3);
    expect(result.byLabeller).toHaveLength(3);
  });

  it("answers a non-member, an unknown dataset and another dataset's title with NOT_FOUND", async () => {
    const outsider = await signedIn(api, { role: "REVIEWER" });
    const other = await seedDataset(api.db, { members: [world.reviewer.user] });
    const otherTitle = await seedTitle(api.db, { datasetId: other.id });

    expectError(await outsider.graphql(AGREEMENT, { datasetId: world.dataset.id }), "NOT_FOUND");
    expectError(await world.reviewer.graphql(AGREEMENT, { datasetId: randomUUID() }), "NOT_FOUND");
    expectError(await world.reviewer.graphql(AGREEMENT, { datasetId: world.dataset.id, titleId: otherTitle.id }), "NOT_FOUND");
    expectError(await world.reviewer.graphql(AGREEMENT, { datasetId: "not-an-id" }), "BAD_USER_INPUT");
    expectError(await api.graphql(AGREEMENT, { variables: { datasetId: world.dataset.id } }), "UNAUTHENTICATED");
  });

  it("gives zero frames and null figures for a dataset without frames of two labels", async () => {
    const member = await signedIn(api, { role: "REVIEWER" });
    const dataset = await seedDataset(api.db, { members: [member.user] });
    const title = await seedTitle(api.db, { datasetId: dataset.id });
    await seedLabelledFrame(dataset.id, title.id, [[member.user.id, "FACE"]]);
    expect(await agreementOf(member, { datasetId: dataset.id })).toEqual({
      frames: 0,
      percentAgreement: null,
      fleissKappa: null,
      krippendorffAlpha: null,
      byTitle: [],
      pairs: [],
      byLabeller: [],
    });
  });
});
