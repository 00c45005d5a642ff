import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedUser } from "@kao/db/seed";
import { DEFAULT_GUIDELINES } from "@kao/api";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const DATASET = `query($id: ID!) { dataset(id: $id) { id name guidelines overlap updatedAt memberCount } }`;
const DATASETS = `query($search: String, $first: Int, $after: String, $last: Int, $before: String) {
  datasets(search: $search, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { name } }
    pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
  }
}`;
const CREATE = `mutation($input: CreateDatasetInput!) {
  createDataset(input: $input) {
    __typename
    ... on CreateDatasetSuccess { data { id name guidelines overlap memberCount } }
    ... on Error { message }
    ... on ValidationError { inputErrors { path message } }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateDatasetInput!, $expectedUpdatedAt: DateTime) {
  updateDataset(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {
    __typename
    ... on UpdateDatasetSuccess { data { id name guidelines overlap updatedAt } }
    ... on Error { message }
    ... on ValidationError { inputErrors { path message } }
  }
}`;
const ADD = `mutation($datasetId: ID!, $email: String, $userId: ID) {
  addDatasetMember(datasetId: $datasetId, email: $email, userId: $userId) {
    __typename
    ... on AddDatasetMemberSuccess { data { user { id email } } }
    ... on ValidationError { message inputErrors { path } }
  }
}`;
const REMOVE = `mutation($datasetId: ID!, $userId: ID!) { removeDatasetMember(datasetId: $datasetId, userId: $userId) { id memberCount } }`;

type Result<T = unknown> = { __typename: string; message?: string; data?: T; inputErrors?: { path: string; message: string }[] };
type DatasetShape = { id: string; name: string; guidelines: string; overlap: number; updatedAt: string; memberCount: number };
type Connection = {
  datasets: {
    edges: { cursor: string; node: { name: string } }[];
    pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
  };
};

const tag = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;

describe("dataset(id)", () => {
  it("answers a non-member exactly as for an id that does not exist", async () => {
    const outsider = await signedIn(api, { role: "REVIEWER" });
    const dataset = await seedDataset(api.db);

    const hidden = await outsider.graphql(DATASET, { id: dataset.id });
    const missing = await outsider.graphql(DATASET, { id: randomUUID() });

    expectError(hidden, "NOT_FOUND");
    expectError(missing, "NOT_FOUND");
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect(hidden.data).toBeNull();
  });

  it("lets members and admins read it", async () => {
    const member = await signedIn(api, { role: "VIEWER" });
    const admin = await signedIn(api, { role: "ADMIN" });
    const dataset = await seedDataset(api.db, { members: [member.user] });

    for (const caller of [member, admin]) {
      expect(expectData(await caller.graphql<{ dataset: DatasetShape }>(DATASET, { id: dataset.id })).dataset).toMatchObject({ id: dataset.id, memberCount: 1 });
    }
  });

  it.each(["not-a-uuid", "1; DROP TABLE \"Dataset\"", ""])("refuses the malformed id %j as BAD_USER_INPUT", async (id) => {
    const member = await signedIn(api);
    expectError(await member.graphql(DATASET, { id }), "BAD_USER_INPUT");
  });
});

describe("datasets", () => {
  it("lists only the datasets a non-admin belongs to, and all of them for an admin", async () => {
    const labeler = await signedIn(api);
    const admin = await signedIn(api, { role: "ADMIN" });
    const prefix = tag("Scoped");
    await seedDataset(api.db, { name: `${prefix} a`, members: [labeler.user] });
    await seedDataset(api.db, { name: `${prefix} b` });
    await seedDataset(api.db, { name: `${prefix} c`, members: [labeler.user] });
    const names = async (caller: typeof admin) =>
      expectData(await caller.graphql<Connection>(DATASETS, { search: prefix })).datasets.edges.map((e) => e.node.name);

    expect(await names(labeler)).toEqual([`${prefix} a`, `${prefix} c`]);
    expect(await names(admin)).toEqual([`${prefix} a`, `${prefix} b`, `${prefix} c`]);
  });

  it("pages forwards and backwards without overlap", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const prefix = tag("Paged");
    const all = ["1", "2", "3", "4", "5"].map((n) => `${prefix} ${n}`);
    for (const name of [all[2], all[0], all[4], all[1], all[3]]) await seedDataset(api.db, { name });
    const page = async (variables: Record<string, unknown>) => expectData(await admin.graphql<Connection>(DATASETS, { search: prefix, ...variables })).datasets;

    const one = await page({ first: 3 });
    const two = await page({ first: 3, after: one.pageInfo.endCursor });
    expect(one.edges.map((e) => e.node.name)).toEqual(all.slice(0, 3));
    expect(two.edges.map((e) => e.node.name)).toEqual(all.slice(3));
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(two.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const end = await page({ last: 3 });
    const start = await page({ last: 3, before: end.pageInfo.startCursor });
    expect(end.edges.map((e) => e.node.name)).toEqual(all.slice(2));
    expect(start.edges.map((e) => e.node.name)).toEqual(all.slice(0, 2));
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("refuses first: 500 as BAD_USER_INPUT", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    expectError(await admin.graphql(DATASETS, { first: 500 }), "BAD_USER_INPUT");
  });
});

describe("members connection", () => {
  const MEMBERS = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    dataset(id: $id) {
      members(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { user { email } } }
        pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
      }
    }
  }`;
  type Members = {
    dataset: {
      members: {
        edges: { cursor: string; node: { user: { email: string } } }[];
        pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
      };
    };
  };

  it("pages a dataset's members by email, forwards and backwards", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const prefix = `member-${randomUUID().slice(0, 8)}`;
    // Created out of email order, so the id order differs from the email order.
    const users = [];
    for (const n of [4, 2, 5, 1, 3]) users.push(await seedUser(api.db, { email: `${prefix}-${n}@kao.test` }));
    const emails = users.map((u) => u.email).sort();
    const dataset = await seedDataset(api.db, { members: users });
    const page = async (variables: Record<string, unknown>) =>
      expectData(await admin.graphql<Members>(MEMBERS, { id: dataset.id, ...variables })).dataset.members;
    const emailsOf = (p: Members["dataset"]["members"]) => p.edges.map((e) => e.node.user.email);

    const one = await page({ first: 2 });
    const two = await page({ first: 2, after: one.pageInfo.endCursor });
    const three = await page({ first: 2, after: two.pageInfo.endCursor });
    expect([one, two, three].map(emailsOf)).toEqual([emails.slice(0, 2), emails.slice(2, 4), emails.slice(4)]);
    expect(three.pageInfo.hasNextPage).toBe(false);

    const end = await page({ last: 2 });
    const middle = await page({ last: 2, before: end.pageInfo.startCursor });
    const start = await page({ last: 2, before: middle.pageInfo.startCursor });
    expect([start, middle, end].map(emailsOf)).toEqual([emails.slice(0, 1), emails.slice(1, 3), emails.slice(3)]);
    expect(start.pageInfo.hasPreviousPage).toBe(false);
  });
});

describe("createDataset", () => {
  it("creates with the paper's face rules by default, makes the creator a member, and audits it", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const name = tag("Created");

    const result = expectData(await admin.graphql<{ createDataset: Result<DatasetShape> }>(CREATE, { input: { name } })).createDataset;

    expect(result.data).toMatchObject({ name, guidelines: DEFAULT_GUIDELINES, overlap: 1, memberCount: 1 });
    const id = result.data?.id ?? "";
    expect(await api.db.datasetMember.findMany({ where: { datasetId: id }, select: { userId: true } })).toEqual([{ userId: admin.user.id }]);
    expect(await api.db.auditLog.findMany({ where: { datasetId: id }, select: { action: true, actorId: true } })).toEqual([
      { action: "dataset.create", actorId: admin.user.id },
    ]);
  });

  it("refuses a duplicate name as a ConflictError", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const existing = await seedDataset(api.db);

    const result = expectData(await admin.graphql<{ createDataset: Result }>(CREATE, { input: { name: existing.name } })).createDataset;

    expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining(existing.name) });
    expect(await api.db.dataset.count({ where: { name: existing.name } })).toBe(1);
    expect(await api.db.auditLog.count({ where: { actorId: admin.user.id } })).toBe(0);
  });

  it.each([0, 11, 2.5])("refuses overlap %s as a ValidationError on `overlap`", async (overlap) => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const name = tag("Overlap");
    const response = await admin.graphql<{ createDataset: Result }>(CREATE, { input: { name, overlap } });
    if (Number.isInteger(overlap)) {
      expect(expectData(response).createDataset).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "overlap" }] });
    } else {
      expectError(response, "BAD_USER_INPUT"); // not even an Int
    }
    expect(await api.db.dataset.count({ where: { name } })).toBe(0);
  });

  it("refuses a blank name", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const result = expectData(await admin.graphql<{ createDataset: Result }>(CREATE, { input: { name: "   " } })).createDataset;
    expect(result).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "name" }] });
  });
});

describe("updateDataset", () => {
  it("refuses a stale expectedUpdatedAt as a ConflictError and keeps the first edit", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const other = await signedIn(api, { role: "ADMIN" });
    const dataset = await seedDataset(api.db);
    const loaded = expectData(await admin.graphql<{ dataset: DatasetShape }>(DATASET, { id: dataset.id })).dataset.updatedAt;

    const first = expectData(await admin.graphql<{ updateDataset: Result<DatasetShape> }>(UPDATE, {
      id: dataset.id,
      input: { guidelines: "first edit" },
      expectedUpdatedAt: loaded,
    })).updateDataset;
    const second = expectData(await other.graphql<{ updateDataset: Result }>(UPDATE, {
      id: dataset.id,
      input: { guidelines: "second edit" },
      expectedUpdatedAt: loaded,
    })).updateDataset;

    expect(first.__typename).toBe("UpdateDatasetSuccess");
    expect(first.data?.updatedAt).not.toBe(loaded);
    expect(second).toMatchObject({ __typename: "ConflictError", message: expect.stringMatching(/changed this dataset/) });
    expect((await api.db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).guidelines).toBe("first edit");
    expect(await api.db.auditLog.findMany({ where: { datasetId: dataset.id }, select: { action: true, actorId: true, data: true } })).toEqual([
      { action: "dataset.update", actorId: admin.user.id, data: expect.objectContaining({ fields: ["guidelines"] }) },
    ]);
  });

  it("lets exactly one of two simultaneous edits from the same version through", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const dataset = await seedDataset(api.db);
    const loaded = dataset.updatedAt.toISOString();

    const results = await Promise.all(
      ["left", "right"].map((guidelines) => admin.graphql<{ updateDataset: Result }>(UPDATE, { id: dataset.id, input: { guidelines }, expectedUpdatedAt: loaded })),
    );

    expect(results.map((r) => expectData(r).updateDataset.__typename).sort()).toEqual(["ConflictError", "UpdateDatasetSuccess"]);
  });

  it("refuses a duplicate name and a bad overlap, changing nothing", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const taken = await seedDataset(api.db);
    const dataset = await seedDataset(api.db);

    const duplicate = expectData(await admin.graphql<{ updateDataset: Result }>(UPDATE, { id: dataset.id, input: { name: taken.name } })).updateDataset;
    const overlap = expectData(await admin.graphql<{ updateDataset: Result }>(UPDATE, { id: dataset.id, input: { overlap: 11 } })).updateDataset;

    expect(duplicate.__typename).toBe("ConflictError");
    expect(overlap).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "overlap" }] });
    expect(await api.db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).toEqual(dataset);
  });

  it("answers NOT_FOUND for an unknown dataset and BAD_USER_INPUT for a bad timestamp", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const dataset = await seedDataset(api.db);
    expectError(await admin.graphql(UPDATE, { id: randomUUID(), input: { overlap: 2 } }), "NOT_FOUND");
    expectError(await admin.graphql(UPDATE, { id: dataset.id, input: { overlap: 2 }, expectedUpdatedAt: "yesterday" }), "BAD_USER_INPUT");
    expect(await api.db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).toEqual(dataset);
  });
});

describe("dataset members", () => {
  it("are added by email, gain access at once, and lose it at once when removed", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const labeler = await signedIn(api);
    const dataset = await seedDataset(api.db);
    expectError(await labeler.graphql(DATASET, { id: dataset.id }), "NOT_FOUND");

    const added = expectData(await admin.graphql<{ addDatasetMember: Result<{ user: { id: string } }> }>(ADD, {
      datasetId: dataset.id,
      email: ` ${labeler.user.email.toUpperCase()} `,
    })).addDatasetMember;
    expect(added.data?.user.id).toBe(labeler.user.id);
    expect(expectData(await labeler.graphql<{ dataset: DatasetShape }>(DATASET, { id: dataset.id })).dataset.id).toBe(dataset.id);
    expect(expectData(await labeler.graphql<Connection>(DATASETS, { search: dataset.name })).datasets.edges).toHaveLength(1);

    const removed = expectData(await admin.graphql<{ removeDatasetMember: { memberCount: number } }>(REMOVE, { datasetId: dataset.id, userId: labeler.user.id }));
    expect(removed.removeDatasetMember.memberCount).toBe(0);

    expectError(await labeler.graphql(DATASET, { id: dataset.id }), "NOT_FOUND");
    expect(expectData(await labeler.graphql<Connection>(DATASETS, { search: dataset.name })).datasets.edges).toEqual([]);
    expect(await api.db.auditLog.findMany({ where: { datasetId: dataset.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, data: true } })).toEqual([
      { action: "dataset.add-member", actorId: admin.user.id, data: expect.objectContaining({ userId: labeler.user.id }) },
      { action: "dataset.remove-member", actorId: admin.user.id, data: expect.objectContaining({ userId: labeler.user.id }) },
    ]);
  });

  it("adding someone twice keeps one membership", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const user = await seedUser(api.db);
    const dataset = await seedDataset(api.db);
    for (let i = 0; i < 2; i++) expectData(await admin.graphql(ADD, { datasetId: dataset.id, userId: user.id }));
    expect(await api.db.datasetMember.count({ where: { datasetId: dataset.id } })).toBe(1);
  });

  it("refuses unknown and deactivated users as ValidationErrors, and removing a non-member as NOT_FOUND", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const gone = await seedUser(api.db, { deactivated: true });
    const stranger = await seedUser(api.db);
    const dataset = await seedDataset(api.db);

    const unknown = expectData(await admin.graphql<{ addDatasetMember: Result }>(ADD, { datasetId: dataset.id, email: `nobody-${randomUUID()}@kao.test` })).addDatasetMember;
    const deactivated = expectData(await admin.graphql<{ addDatasetMember: Result }>(ADD, { datasetId: dataset.id, email: gone.email })).addDatasetMember;
    const neither = expectData(await admin.graphql<{ addDatasetMember: Result }>(ADD, { datasetId: dataset.id })).addDatasetMember;

    expect(unknown).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "email" }] });
    expect(deactivated).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "email" }] });
    expect(neither).toMatchObject({ __typename: "ValidationError" });
    expectError(await admin.graphql(REMOVE, { datasetId: dataset.id, userId: stranger.id }), "NOT_FOUND");
    expectError(await admin.graphql(ADD, { datasetId: randomUUID(), userId: stranger.id }), "NOT_FOUND");
    expect(await api.db.datasetMember.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect(await api.db.auditLog.count({ where: { actorId: admin.user.id } })).toBe(0);
  });
});
