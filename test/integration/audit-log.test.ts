import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFrame, seedTitle } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { nextFrames, submit } from "./support/labelling.ts";

const AUDIT_LOG = `query($datasetId: ID, $actorId: ID, $action: String, $from: DateTime, $to: DateTime, $first: Int, $after: String, $last: Int, $before: String) {
  auditLog(datasetId: $datasetId, actorId: $actorId, action: $action, from: $from, to: $to, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id source action actor { id } datasetId datasetName targetType targetId details createdAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Entry {
  id: string;
  source: "ACTION" | "LABEL";
  action: string;
  actor: { id: string } | null;
  datasetId: string | null;
  datasetName: string | null;
  targetType: string;
  targetId: string | null;
  details: string;
  createdAt: string;
}
interface Page {
  edges: { cursor: string; node: Entry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function auditLog(who: Caller, variables: Record<string, unknown>): Promise<Page> {
  return expectData(await who.graphql<{ auditLog: Page }>(AUDIT_LOG, variables)).auditLog;
}

let api: TestApi;
let admin: Caller;
let reviewer: Caller;
let labeller: Caller;
let datasetId = "";
let frameIds: string[] = [];
let createdUserId = "";

beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
  reviewer = await signedIn(api, { role: "REVIEWER" });
  labeller = await signedIn(api, { role: "LABELER" });

  // Admin actions through the API, as people do them.
  const created = expectData(
    await admin.graphql<{ createDataset: { data: { id: string } } }>(
      `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on CreateDatasetSuccess { data { id } } } }`,
      { input: { name: `Audit ${randomUUID().slice(0, 8)}` } },
    ),
  ).createDataset;
  datasetId = created.data.id;
  for (const member of [reviewer, labeller]) {
    expectData(await admin.graphql(`mutation($d: ID!, $u: ID) { addDatasetMember(datasetId: $d, userId: $u) { __typename } }`, { d: datasetId, u: member.user.id }));
  }
  const user = expectData(
    await admin.graphql<{ createUser: { data: { user: { id: string } } } }>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { ... on CreateUserSuccess { data { user { id } } } } }`,
      { input: { email: `audited-${randomUUID().slice(0, 8)}@kao.test`, role: "VIEWER" } },
    ),
  ).createUser;
  createdUserId = user.data.user.id;

  // Label changes: three decisions, then one changed.
  const title = await seedTitle(api.db, { datasetId });
  for (let i = 0; i < 3; i++) await seedFrame(api.db, { datasetId, titleId: title.id });
  const tasks = await nextFrames(labeller, datasetId, 3);
  frameIds = tasks.map((task) => task.frame.id);
  expect(frameIds).toHaveLength(3);
  const first = await submit(labeller, datasetId, frameIds.map((frameId) => ({ frameId, label: "FACE" as const })));
  expect(first.rejected).toEqual([]);
  const changed = await submit(labeller, datasetId, [{ frameId: frameIds[0] ?? "", label: "NO_FACE" }]);
  expect(changed.rejected).toEqual([]);
});

afterAll(() => api.close());

describe("auditLog", () => {
  it("shows admin actions with actor, action and target, and every label change", async () => {
    const entries = (await auditLog(admin, { datasetId, first: 200 })).edges.map((edge) => edge.node);
    const actions = entries.filter((entry) => entry.source === "ACTION");
    expect(actions.map((entry) => entry.action).sort()).toEqual(["dataset.add-member", "dataset.add-member", "dataset.create"]);
    for (const entry of actions) {
      expect(entry.actor?.id).toBe(admin.user.id);
      expect(entry.targetType).toBe("Dataset");
      expect(entry.targetId).toBe(datasetId);
      expect(entry.datasetName).toMatch(/^Audit /);
    }
    const added = actions.filter((entry) => entry.action === "dataset.add-member").map((entry) => (JSON.parse(entry.details) as { userId: string }).userId);
    expect(added.sort()).toEqual([reviewer.user.id, labeller.user.id].sort());

    const labels = entries.filter((entry) => entry.source === "LABEL");
    expect(labels).toHaveLength(4);
    for (const entry of labels) {
      expect(entry.action).toBe("label.set");
      expect(entry.actor?.id).toBe(labeller.user.id);
      expect(entry.targetType).toBe("Frame");
    }
    const onFirst = labels.filter((entry) => entry.targetId === frameIds[0]).map((entry) => (JSON.parse(entry.details) as { label: string }).label);
    // Newest first: the change, then the first decision.
    expect(onFirst).toEqual(["NO_FACE", "FACE"]);
    const times = entries.map((entry) => Date.parse(entry.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by actor, action (exact or prefix) and time", async () => {
    const byAdmin = (await auditLog(admin, { actorId: admin.user.id, first: 200 })).edges.map((edge) => edge.node);
    expect(byAdmin.map((entry) => entry.action)).toContain("user.create");
    expect(byAdmin.find((entry) => entry.action === "user.create")).toMatchObject({ targetType: "User", targetId: createdUserId, datasetId: null });
    expect(byAdmin.every((entry) => entry.actor?.id === admin.user.id)).toBe(true);

    const byLabeller = (await auditLog(admin, { actorId: labeller.user.id, first: 200 })).edges.map((edge) => edge.node.action);
    expect(byLabeller).toEqual(["label.set", "label.set", "label.set", "label.set"]);

    const datasetActions = (await auditLog(admin, { datasetId, action: "dataset.", first: 200 })).edges.map((edge) => edge.node.action);
    expect(datasetActions.sort()).toEqual(["dataset.add-member", "dataset.add-member", "dataset.create"]);
    expect((await auditLog(admin, { datasetId, action: "dataset.create" })).edges).toHaveLength(1);
    expect((await auditLog(admin, { datasetId, action: "label.undo" })).edges).toHaveLength(0);

    const all = (await auditLog(admin, { datasetId, first: 200 })).edges.map((edge) => edge.node);
    const newest = all[0]?.createdAt ?? "";
    expect((await auditLog(admin, { datasetId, from: new Date(Date.parse(newest) + 1).toISOString() })).edges).toHaveLength(0);
    const upToNewest = await auditLog(admin, { datasetId, to: newest, first: 200 });
    expect(upToNewest.edges.length).toBe(all.filter((entry) => entry.createdAt < newest).length);
    expect(upToNewest.edges.length).toBeLessThan(all.length);
  });

  it("pages forwards and backwards with cursors, without gaps or repeats", async () => {
    const all = (await auditLog(admin, { datasetId, first: 200 })).edges.map((edge) => edge.node.id);
    expect(all).toHaveLength(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Page = await auditLog(admin, { datasetId, first: 2, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);

    const last = await auditLog(admin, { datasetId, last: 3 });
    expect(last.edges.map((edge) => edge.node.id)).toEqual(all.slice(-3));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await auditLog(admin, { datasetId, last: 2, before: last.pageInfo.startCursor });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(all.slice(-5, -3));

    expectError(await admin.graphql(AUDIT_LOG, { datasetId, after: "not-a-cursor" }), "BAD_USER_INPUT");
    expectError(await admin.graphql(AUDIT_LOG, { first: 201 }), "BAD_USER_INPUT");
  });

  it("refuses labellers and viewers, and shows reviewers their datasets only, without addresses", async () => {
    expectError(await labeller.graphql(AUDIT_LOG, { datasetId }), "FORBIDDEN");
    const viewer = await signedIn(api, { role: "VIEWER" });
    expectError(await viewer.graphql(AUDIT_LOG, {}), "FORBIDDEN");
    expectError(await api.graphql(AUDIT_LOG, { variables: {} }), "UNAUTHENTICATED");

    const asReviewer = (await auditLog(reviewer, { first: 200 })).edges.map((edge) => edge.node);
    expect(asReviewer.length).toBe(7);
    expect(asReviewer.every((entry) => entry.datasetId === datasetId)).toBe(true);
    expect(asReviewer.some((entry) => entry.details.includes('"ip"'))).toBe(false);
    const asAdmin = (await auditLog(admin, { datasetId, action: "dataset.create" })).edges[0]?.node;
    expect(JSON.parse(asAdmin?.details ?? "{}")).toHaveProperty("ip");

    const outsider = await signedIn(api, { role: "REVIEWER" });
    expect((await auditLog(outsider, { datasetId })).edges).toEqual([]);
  });
});
