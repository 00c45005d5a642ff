import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const PIN = `mutation($frameId: ID!, $label: Label!, $note: String) {
  pinExample(frameId: $frameId, label: $label, note: $note) { id label note frame { id } pinnedBy { id } createdAt }
}`;
const UNPIN = `mutation($id: ID!) { unpinExample(id: $id) }`;
const EXAMPLES = `query($id: ID!) { dataset(id: $id) { ruleNames examples { id label note frame { id thumbnailUrl } pinnedBy { id } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateDatasetInput!) {
  updateDataset(id: $id, input: $input) {
    __typename
    ... on UpdateDatasetSuccess { data { ruleNames } }
    ... on ValidationError { message inputErrors { path message } }
  }
}`;

interface Example {
  id: string;
  label: string;
  note: string;
  frame: { id: string };
  pinnedBy: { id: string } | null;
}
type UpdateResult = { __typename: string; data?: { ruleNames: string[] }; message?: string; inputErrors?: { path: string; message: string }[] };

async function seedWorld() {
  const admin = await signedIn(api, { role: "ADMIN" });
  const reviewer = await signedIn(api, { role: "REVIEWER" });
  const labeler = await signedIn(api);
  const dataset = await seedDataset(api.db, { members: [reviewer.user, labeler.user] });
  const title = await seedTitle(api.db, { datasetId: dataset.id });
  const frames = [await seedFrame(api.db, { datasetId: dataset.id, titleId: title.id }), await seedFrame(api.db, { datasetId: dataset.id, titleId: title.id })];
  return { admin, reviewer, labeler, dataset, frames };
}

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(async () => {
  world = await seedWorld();
});

const examplesOf = async (caller: Caller, datasetId: string) =>
  expectData(await caller.graphql<{ dataset: { ruleNames: string[]; examples: Example[] } }>(EXAMPLES, { id: datasetId })).dataset;

/** A frame of a dataset of its own, so tests that pin and unpin do not see each other's examples. */
async function freshFrame() {
  const dataset = await seedDataset(api.db, { members: [world.reviewer.user, world.labeler.user] });
  const title = await seedTitle(api.db, { datasetId: dataset.id });
  return seedFrame(api.db, { datasetId: dataset.id, titleId: title.id });
}

describe("pinExample / unpinExample", () => {
  it("pins frames as examples that members see newest first, and re-pinning updates instead of adding", async () => {
    const [first, second] = world.frames;
    const pinned = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: first?.id, label: "FACE", note: "  Profile counts " })).pinExample;
    expect(pinned).toMatchObject({ label: "FACE", note: "Profile counts", frame: { id: first?.id }, pinnedBy: { id: world.admin.user.id } });
    const other = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: second?.id, label: "NO_FACE" })).pinExample;
    expect(other.note).toBe("");

    // Without a note the note stays; the label changes; still one example for the frame.
    const again = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: first?.id, label: "NO_FACE" })).pinExample;
    expect(again).toMatchObject({ id: pinned.id, label: "NO_FACE", note: "Profile counts" });
    const renoted = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: first?.id, label: "NO_FACE", note: "Only the back of a head" })).pinExample;
    expect(renoted).toMatchObject({ id: pinned.id, note: "Only the back of a head" });

    const { examples } = await examplesOf(world.labeler, world.dataset.id);
    expect(examples.map((example) => [example.id, example.label, example.note])).toEqual([
      [other.id, "NO_FACE", ""],
      [pinned.id, "NO_FACE", "Only the back of a head"],
    ]);
    expect(examples[1]?.frame.id).toBe(first?.id);

    const audit = await api.db.auditLog.findMany({ where: { datasetId: world.dataset.id, action: "guideline.pin" } });
    expect(audit).toHaveLength(4);
    expect(audit.every((entry) => entry.actorId === world.admin.user.id && entry.targetType === "GuidelineExample")).toBe(true);
  });

  it("files an example under its frame's own dataset", async () => {
    const frame = await freshFrame();
    expectData(await world.admin.graphql(PIN, { frameId: frame.id, label: "FACE" }));
    expect((await examplesOf(world.admin, frame.datasetId)).examples.map((example) => example.frame.id)).toEqual([frame.id]);
    expect((await examplesOf(world.admin, world.dataset.id)).examples.map((example) => example.frame.id)).not.toContain(frame.id);
  });

  it("unpins an example once; the frame stays", async () => {
    const frame = await freshFrame();
    const pinned = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: frame.id, label: "FACE" })).pinExample;

    expect(expectData(await world.admin.graphql<{ unpinExample: boolean }>(UNPIN, { id: pinned.id })).unpinExample).toBe(true);
    expect((await examplesOf(world.admin, frame.datasetId)).examples).toEqual([]);
    expect(await api.db.frame.findUnique({ where: { id: frame.id } })).not.toBeNull();
    const audit = await api.db.auditLog.findMany({ where: { datasetId: frame.datasetId, action: "guideline.unpin" } });
    expect(audit.map((entry) => entry.targetId)).toEqual([pinned.id]);

    expectError(await world.admin.graphql(UNPIN, { id: pinned.id }), "NOT_FOUND");
  });

  it("refuses UNSURE, a long note, an unknown frame and a malformed id, changing nothing", async () => {
    const frame = await freshFrame();
    const unsure = await world.admin.graphql(PIN, { frameId: frame.id, label: "UNSURE" });
    expectError(unsure, "BAD_USER_INPUT");
    expect(unsure.errors?.[0]?.message).toMatch(/FACE or NO_FACE/);
    const long = await world.admin.graphql(PIN, { frameId: frame.id, label: "FACE", note: "x".repeat(501) });
    expectError(long, "BAD_USER_INPUT");
    expect(long.errors?.[0]?.message).toMatch(/500 characters/);
    expectError(await world.admin.graphql(PIN, { frameId: randomUUID(), label: "FACE" }), "NOT_FOUND");
    expectError(await world.admin.graphql(PIN, { frameId: "frame-1", label: "FACE" }), "BAD_USER_INPUT");
    expectError(await world.admin.graphql(UNPIN, { id: randomUUID() }), "NOT_FOUND");
    expect(await api.db.guidelineExample.count({ where: { frameId: frame.id } })).toBe(0);
  });

  it("is for admins only: reviewers and labellers of the dataset get FORBIDDEN", async () => {
    const [frame, other] = [await freshFrame(), await freshFrame()];
    const pinned = expectData(await world.admin.graphql<{ pinExample: Example }>(PIN, { frameId: frame.id, label: "FACE" })).pinExample;
    for (const caller of [world.reviewer, world.labeler]) {
      expectError(await caller.graphql(PIN, { frameId: other.id, label: "FACE", note: "mine" }), "FORBIDDEN");
      expectError(await caller.graphql(UNPIN, { id: pinned.id }), "FORBIDDEN");
    }
    expectError(await api.graphql(UNPIN, { variables: { id: pinned.id } }), "UNAUTHENTICATED");
    expect(await api.db.guidelineExample.findUnique({ where: { id: pinned.id } })).not.toBeNull();
    expect(await api.db.guidelineExample.count({ where: { frameId: other.id } })).toBe(0);
  });

  it("keeps examples from non-members", async () => {
    const outsider = await signedIn(api, { role: "REVIEWER" });
    expectError(await outsider.graphql(EXAMPLES, { id: world.dataset.id }), "NOT_FOUND");
  });
});

describe("ruleNames", () => {
  it("starts with the paper's three rules and lets an admin replace them, trimmed", async () => {
    const dataset = await seedDataset(api.db, { members: [world.labeler.user] });
    expect((await examplesOf(world.labeler, dataset.id)).ruleNames).toEqual(["Half or more of a face", "Profile", "Animal with human features"]);

    const result = expectData(await world.admin.graphql<{ updateDataset: UpdateResult }>(UPDATE, { id: dataset.id, input: { ruleNames: ["  Eyes visible ", "Profile"] } }));
    expect(result.updateDataset).toEqual({ __typename: "UpdateDatasetSuccess", data: { ruleNames: ["Eyes visible", "Profile"] } });
    expect((await examplesOf(world.labeler, dataset.id)).ruleNames).toEqual(["Eyes visible", "Profile"]);
  });

  it.each([
    ["none", [], "ruleNames", /at least one rule name/],
    ["eleven", Array.from({ length: 11 }, (_, i) => `Rule ${i}`), "ruleNames", /At most 10 rule names/],
    ["one too long", ["Profile", "x".repeat(81)], "ruleNames.1", /80 characters/],
    ["a blank one", ["Profile", "   "], "ruleNames.1", /cannot be empty/],
    ["a duplicate, ignoring case and spaces", ["Profile", "Eyes", " profile "], "ruleNames.2", /"profile" is listed more than once/],
  ])("refuses %s with a validation error on the field", async (_case, ruleNames, path, message) => {
    const dataset = await seedDataset(api.db);
    const result = expectData(await world.admin.graphql<{ updateDataset: UpdateResult }>(UPDATE, { id: dataset.id, input: { ruleNames } })).updateDataset;
    expect(result.__typename).toBe("ValidationError");
    expect(result.inputErrors).toContainEqual({ path, message: expect.stringMatching(message) });
    expect((await api.db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).ruleNames).toEqual(dataset.ruleNames);
  });

  it("accepts exactly 10 names of 80 characters", async () => {
    const dataset = await seedDataset(api.db);
    const ruleNames = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(80, "x"));
    const result = expectData(await world.admin.graphql<{ updateDataset: UpdateResult }>(UPDATE, { id: dataset.id, input: { ruleNames } })).updateDataset;
    expect(result.data?.ruleNames).toEqual(ruleNames);
  });

  it("cannot be changed by a reviewer of the dataset", async () => {
    expectError(await world.reviewer.graphql(UPDATE, { id: world.dataset.id, input: { ruleNames: ["Mine"] } }), "FORBIDDEN");
    expect((await api.db.dataset.findUniqueOrThrow({ where: { id: world.dataset.id } })).ruleNames).toEqual(world.dataset.ruleNames);
  });
});
