import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedUser } from "@kao/db/seed";
import { startTestApi, type GraphQLResponse, type TestApi } from "../support/api.ts";
import { expectError, signedIn, type Caller } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** The world one admin-only operation is tried against: a caller, another user, a dataset both belong to. */
interface World {
  caller: Caller | null;
  target: { id: string; email: string };
  dataset: { id: string; name: string };
  fresh: string;
}

interface Operation {
  name: string;
  query: string;
  variables: (world: World) => Record<string, unknown>;
}

const operations: Operation[] = [
  {
    name: "createUser",
    query: `mutation($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
    variables: (w) => ({ input: { email: `${w.fresh}@kao.test`, role: "ADMIN", password: "long-enough-password" } }),
  },
  {
    name: "updateUser (someone else)",
    query: `mutation($id: ID!) { updateUser(id: $id, input: { role: ADMIN, name: "Promoted" }) { __typename } }`,
    variables: (w) => ({ id: w.target.id }),
  },
  {
    name: "updateUser (promoting oneself)",
    query: `mutation($id: ID!) { updateUser(id: $id, input: { role: ADMIN }) { __typename } }`,
    variables: (w) => ({ id: w.caller?.user.id ?? w.target.id }),
  },
  {
    name: "resetUserPassword",
    query: `mutation($id: ID!) { resetUserPassword(id: $id, password: "attacker-chosen-password") { __typename } }`,
    variables: (w) => ({ id: w.target.id }),
  },
  {
    name: "users",
    query: `{ users { edges { node { id email } } } }`,
    variables: () => ({}),
  },
  {
    name: "createDataset",
    query: `mutation($name: String!) { createDataset(input: { name: $name }) { __typename } }`,
    variables: (w) => ({ name: w.fresh }),
  },
  {
    name: "updateDataset",
    query: `mutation($id: ID!, $name: String!) { updateDataset(id: $id, input: { name: $name, guidelines: "none" }) { __typename } }`,
    variables: (w) => ({ id: w.dataset.id, name: w.fresh }),
  },
  {
    name: "addDatasetMember",
    query: `mutation($id: ID!, $email: String!) { addDatasetMember(datasetId: $id, email: $email) { __typename } }`,
    variables: (w) => ({ id: w.dataset.id, email: `${w.fresh}-outsider@kao.test` }),
  },
  {
    name: "removeDatasetMember",
    query: `mutation($id: ID!, $userId: ID!) { removeDatasetMember(datasetId: $id, userId: $userId) { id } }`,
    variables: (w) => ({ id: w.dataset.id, userId: w.target.id }),
  },
];

async function makeWorld(role: "LABELER" | "REVIEWER" | "VIEWER" | null): Promise<World> {
  const caller = role ? await signedIn(api, { role }) : null;
  const target = await seedUser(api.db, { role: "LABELER" });
  const fresh = `authz-${randomUUID()}`;
  // The outsider addDatasetMember tries to add.
  await seedUser(api.db, { email: `${fresh}-outsider@kao.test` });
  const dataset = await seedDataset(api.db, { members: caller ? [caller.user, target] : [target] });
  return { caller, target, dataset, fresh };
}

/** Everything an admin-only operation could have changed in the world. */
async function snapshot(world: World) {
  const ids = [world.target.id, ...(world.caller ? [world.caller.user.id] : [])];
  return {
    users: await api.db.user.findMany({ where: { id: { in: ids } }, omit: { passwordHash: false }, orderBy: { id: "asc" } }),
    createdUsers: await api.db.user.count({ where: { email: `${world.fresh}@kao.test` } }),
    dataset: await api.db.dataset.findUnique({ where: { id: world.dataset.id } }),
    createdDatasets: await api.db.dataset.count({ where: { name: world.fresh } }),
    members: await api.db.datasetMember.findMany({ where: { datasetId: world.dataset.id }, orderBy: { id: "asc" } }),
    audit: world.caller ? await api.db.auditLog.count({ where: { actorId: world.caller.user.id } }) : 0,
  };
}

describe.each(["LABELER", "REVIEWER", "VIEWER"] as const)("a %s", (role) => {
  it.each(operations)("is FORBIDDEN from $name, which changes nothing", async (operation) => {
    const world = await makeWorld(role);
    const before = await snapshot(world);

    const response: GraphQLResponse<unknown> = await api.graphql(operation.query, { variables: operation.variables(world), token: world.caller?.token });

    expectError(response, "FORBIDDEN");
    expect(response.data ?? null).toBeNull();
    expect(await snapshot(world)).toEqual(before);
  });
});

describe("an anonymous caller", () => {
  it.each(operations)("is UNAUTHENTICATED for $name, which changes nothing", async (operation) => {
    const world = await makeWorld(null);
    const before = await snapshot(world);

    const response = await api.graphql(operation.query, { variables: operation.variables(world) });

    expectError(response, "UNAUTHENTICATED");
    expect(await snapshot(world)).toEqual(before);
  });
});

describe("the same operations by an admin", () => {
  // Proves the world above was set up so that each operation would have changed something.
  it.each(operations.filter((op) => op.name !== "updateUser (promoting oneself)"))("$name succeeds and changes the world", async (operation) => {
    const world = await makeWorld(null);
    const admin = await signedIn(api, { role: "ADMIN" });
    const before = await snapshot(world);

    const response = await admin.graphql(operation.query, operation.variables(world));

    expect(response.errors).toBeUndefined();
    expect(JSON.stringify(response.data)).not.toMatch(/Error"/);
    if (operation.name !== "users") expect(await snapshot(world)).not.toEqual(before);
  });
});
