import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@kao/db/migrate";
import { seedUser } from "@kao/db/seed";
import { startTestApi, type TestApi } from "../support/api.ts";
import { createFreshDatabase } from "./support/fresh-database.ts";
import { expectData, expectError, randomIp, signedIn } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const USER_FIELDS = "id email name role active deactivatedAt";
const CREATE = `mutation Create($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on CreateUserSuccess { data { generatedPassword user { ${USER_FIELDS} } } }
    ... on Error { message }
    ... on ValidationError { inputErrors { path message } }
  }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    __typename
    ... on UpdateUserSuccess { data { ${USER_FIELDS} } }
    ... on Error { message }
  }
}`;
const RESET = `mutation Reset($id: ID!, $password: String) {
  resetUserPassword(id: $id, password: $password) {
    __typename
    ... on ResetUserPasswordSuccess { data { generatedPassword } }
    ... on ValidationError { inputErrors { path } }
  }
}`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { id } }`;
const ME = "{ me { id } }";

type Result<T = unknown> = { __typename: string; message?: string; data?: T; inputErrors?: { path: string; message: string }[] };
type UserShape = { id: string; email: string; role: string; active: boolean; deactivatedAt: string | null };

const signIn = (target: TestApi, email: string, password: string) =>
  target.graphql(SIGN_IN, { variables: { email, password }, headers: { "x-forwarded-for": randomIp() } });

const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@kao.test`;

describe("createUser", () => {
  it("generates a password when none is given, returns it once, and it signs in", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const address = email("invited");

    const result = expectData(await admin.graphql<{ createUser: Result<{ generatedPassword: string; user: UserShape }> }>(CREATE, {
      input: { email: `  ${address.toUpperCase()} `, name: "Invited", role: "REVIEWER" },
    })).createUser;

    expect(result.__typename).toBe("CreateUserSuccess");
    const generated = result.data?.generatedPassword ?? "";
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect(result.data?.user).toMatchObject({ email: address, role: "REVIEWER", active: true });
    expectData(await signIn(api, address, generated));
    const stored = await api.db.user.findUniqueOrThrow({ where: { email: address }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    // The audit entry names the actor and never holds the password.
    const audit = await api.db.auditLog.findFirstOrThrow({ where: { action: "user.create", targetId: stored.id } });
    expect(audit.actorId).toBe(admin.user.id);
    expect(audit.data).toMatchObject({ email: address, role: "REVIEWER" });
    expect(JSON.stringify(audit.data)).not.toContain(generated);
  });

  it("returns no password when the admin chose one", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const address = email("chosen");
    const result = expectData(await admin.graphql<{ createUser: Result<{ generatedPassword: string | null }> }>(CREATE, {
      input: { email: address, role: "LABELER", password: "chosen-password-1" },
    })).createUser;
    expect(result.data?.generatedPassword).toBeNull();
    expectData(await signIn(api, address, "chosen-password-1"));
  });

  it("refuses a duplicate email (whatever its case) as a ConflictError", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const existing = await seedUser(api.db);

    const result = expectData(await admin.graphql<{ createUser: Result }>(CREATE, { input: { email: existing.email.toUpperCase(), role: "ADMIN" } })).createUser;

    expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringContaining(existing.email) });
    expect(await api.db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ role: "LABELER" });
    expect(await api.db.auditLog.count({ where: { actorId: admin.user.id } })).toBe(0);
  });

  it.each([
    ["a bad email", { email: "not-an-email", role: "LABELER" }, "email"],
    ["a short password", { email: "short@kao.test", role: "LABELER", password: "short" }, "password"],
    ["an overlong name", { email: "long@kao.test", role: "LABELER", name: "x".repeat(101) }, "name"],
  ])("refuses %s as a ValidationError on that field", async (_name, input, path) => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const unique = { ...input, email: input.email.replace("@", `-${randomUUID().slice(0, 8)}@`) };

    const result = expectData(await admin.graphql<{ createUser: Result }>(CREATE, { input: unique })).createUser;

    expect(result).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path }] });
    expect(await api.db.user.count({ where: { email: unique.email } })).toBe(0);
  });

  it("refuses an unknown role before running anything", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    expectError(await admin.graphql(CREATE, { input: { email: email("x"), role: "OWNER" } }), "BAD_USER_INPUT");
  });
});

describe("updateUser", () => {
  it("changes name and role, recorded with the actor", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const user = await seedUser(api.db);

    const result = expectData(await admin.graphql<{ updateUser: Result<UserShape> }>(UPDATE, { id: user.id, input: { role: "REVIEWER", name: "Rev" } })).updateUser;

    expect(result.data).toMatchObject({ role: "REVIEWER", active: true });
    const audit = await api.db.auditLog.findFirstOrThrow({ where: { action: "user.update", targetId: user.id } });
    expect(audit).toMatchObject({ actorId: admin.user.id, data: expect.objectContaining({ from: { role: "LABELER", active: true }, to: { role: "REVIEWER", active: true } }) });
  });

  it("deactivating stops sign-in and API tokens at once; reactivating restores both", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const user = await signedIn(api, { role: "LABELER" });
    expectData(await user.graphql(ME));

    const off = expectData(await admin.graphql<{ updateUser: Result<UserShape> }>(UPDATE, { id: user.user.id, input: { active: false } })).updateUser;
    expect(off.data).toMatchObject({ active: false, deactivatedAt: expect.any(String) });

    expectError(await user.graphql(ME), "UNAUTHENTICATED");
    const refused = await signIn(api, user.user.email, user.user.password);
    expectError(refused, "UNAUTHENTICATED");
    expect(refused.errors?.[0]?.message).toMatch(/deactivated/);

    expectData(await admin.graphql(UPDATE, { id: user.user.id, input: { active: true } }));
    expectData(await user.graphql(ME));
    expectData(await signIn(api, user.user.email, user.user.password));
  });

  it("answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a malformed id", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    expectError(await admin.graphql(UPDATE, { id: randomUUID(), input: { name: "x" } }), "NOT_FOUND");
    expectError(await admin.graphql(UPDATE, { id: "42", input: { name: "x" } }), "BAD_USER_INPUT");
  });
});

describe("resetUserPassword", () => {
  it("replaces the password: the generated one works, the old one no longer does", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const user = await seedUser(api.db);

    const result = expectData(await admin.graphql<{ resetUserPassword: Result<{ generatedPassword: string }> }>(RESET, { id: user.id })).resetUserPassword;

    const generated = result.data?.generatedPassword ?? "";
    expect(generated).not.toBe("");
    expectData(await signIn(api, user.email, generated));
    expectError(await signIn(api, user.email, user.password), "UNAUTHENTICATED");
    expect(await api.db.auditLog.count({ where: { action: "user.reset-password", targetId: user.id, actorId: admin.user.id } })).toBe(1);
  });

  it("refuses a short password and keeps the old one", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const user = await seedUser(api.db);
    const result = expectData(await admin.graphql<{ resetUserPassword: Result }>(RESET, { id: user.id, password: "short" })).resetUserPassword;
    expect(result).toMatchObject({ __typename: "ValidationError" });
    expectData(await signIn(api, user.email, user.password));
  });
});

describe("changeMyPassword", () => {
  const CHANGE = `mutation($current: String!, $next: String!) {
    changeMyPassword(currentPassword: $current, newPassword: $next) { __typename ... on ValidationError { inputErrors { path } } }
  }`;

  it("needs the current password", async () => {
    const user = await signedIn(api);
    const wrong = expectData(await user.graphql<{ changeMyPassword: Result }>(CHANGE, { current: "nope", next: "brand-new-password" })).changeMyPassword;
    expect(wrong).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path: "currentPassword" }] });
    expectData(await signIn(api, user.user.email, user.user.password));

    const right = expectData(await user.graphql<{ changeMyPassword: Result }>(CHANGE, { current: user.user.password, next: "brand-new-password" })).changeMyPassword;
    expect(right.__typename).toBe("ChangeMyPasswordSuccess");
    expectData(await signIn(api, user.user.email, "brand-new-password"));
  });
});

describe("user(id)", () => {
  it("lets people read themselves, admins anyone, and hides others as NOT_FOUND", async () => {
    const me = await signedIn(api);
    const other = await seedUser(api.db);
    const admin = await signedIn(api, { role: "ADMIN" });
    const USER = `query($id: ID!) { user(id: $id) { id email } }`;

    expect(expectData(await me.graphql<{ user: { id: string } }>(USER, { id: me.user.id })).user.id).toBe(me.user.id);
    expect(expectData(await admin.graphql<{ user: { id: string } }>(USER, { id: other.id })).user.id).toBe(other.id);
    const hidden = await me.graphql(USER, { id: other.id });
    const missing = await me.graphql(USER, { id: randomUUID() });
    expectError(hidden, "NOT_FOUND");
    expectError(missing, "NOT_FOUND");
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
  });
});

describe("users connection", () => {
  const USERS = `query Users($search: String, $first: Int, $after: String, $last: Int, $before: String, $includeDeactivated: Boolean, $role: Role) {
    users(search: $search, first: $first, after: $after, last: $last, before: $before, includeDeactivated: $includeDeactivated, role: $role) {
      edges { cursor node { email } }
      pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
    }
  }`;
  type Page = {
    users: {
      edges: { cursor: string; node: { email: string } }[];
      pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
    };
  };

  async function fiveUsers() {
    const tag = `page-${randomUUID().slice(0, 8)}`;
    const users = [];
    for (const n of [3, 1, 5, 2, 4]) users.push(await seedUser(api.db, { email: `${tag}-${n}@kao.test` }));
    return { tag, emails: users.map((u) => u.email).sort() };
  }

  it("pages forwards with first/after and backwards with last/before, without overlap", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const { tag, emails } = await fiveUsers();
    const page = async (variables: Record<string, unknown>) => expectData(await admin.graphql<Page>(USERS, { search: tag, ...variables })).users;

    const one = await page({ first: 2 });
    const two = await page({ first: 2, after: one.pageInfo.endCursor });
    const three = await page({ first: 2, after: two.pageInfo.endCursor });
    expect([one, two, three].map((p) => p.edges.map((e) => e.node.email))).toEqual([emails.slice(0, 2), emails.slice(2, 4), emails.slice(4)]);
    expect([one, two, three].map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([[false, true], [true, true], [true, false]]);
    expect(one.pageInfo.startCursor).toBe(one.edges[0]?.cursor);

    const last = await page({ last: 2 });
    const before = await page({ last: 2, before: last.pageInfo.startCursor });
    const first = await page({ last: 2, before: before.pageInfo.startCursor });
    expect([first, before, last].map((p) => p.edges.map((e) => e.node.email))).toEqual([emails.slice(0, 1), emails.slice(1, 3), emails.slice(3)]);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("hides deactivated users unless asked, and filters by role", async () => {
    const admin = await signedIn(api, { role: "ADMIN" });
    const tag = `filter-${randomUUID().slice(0, 8)}`;
    await seedUser(api.db, { email: `${tag}-active@kao.test`, role: "VIEWER" });
    await seedUser(api.db, { email: `${tag}-gone@kao.test`, role: "VIEWER", deactivated: true });
    await seedUser(api.db, { email: `${tag}-labeler@kao.test`, role: "LABELER" });
    const emails = async (variables: Record<string, unknown>) =>
      expectData(await admin.graphql<Page>(USERS, { search: tag, ...variables })).users.edges.map((e) => e.node.email.split("-").at(-1));

    expect(await emails({})).toEqual(["active@kao.test", "labeler@kao.test"]);
    expect(await emails({ includeDeactivated: true })).toEqual(["active@kao.test", "gone@kao.test", "labeler@kao.test"]);
    expect(await emails({ role: "VIEWER", includeDeactivated: true })).toEqual(["active@kao.test", "gone@kao.test"]);
  });

  it.each([
    ["first over 200", { first: 500 }],
    ["a negative last", { last: -1 }],
    ["first and last together", { first: 1, last: 1 }],
    ["a cursor that is not an id", { first: 1, after: "bogus" }],
  ])("refuses %s as BAD_USER_INPUT", async (_name, variables) => {
    const admin = await signedIn(api, { role: "ADMIN" });
    expectError(await admin.graphql(USERS, variables), "BAD_USER_INPUT");
  });
});

/**
 * The last-admin rule counts every admin in the database, so it is tested in a database of its own
 * (other test files create admins concurrently in the shared one).
 */
describe("the last active admin", () => {
  let lonely: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createFreshDatabase("kao_admins");
    drop = database.drop;
    await migrate({ connectionString: database.connectionString });
    lonely = await startTestApi({ connectionString: database.connectionString });
  });
  afterAll(async () => {
    await lonely.close();
    await drop();
  });
  afterEach(async () => {
    // Each test starts from a database without admins.
    await lonely.db.auditLog.deleteMany({});
    await lonely.db.user.deleteMany({});
  });

  const activeAdmins = () => lonely.db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });

  it("cannot be demoted or deactivated, even by themselves", async () => {
    const admin = await signedIn(lonely, { role: "ADMIN" });
    await seedUser(lonely.db, { role: "REVIEWER" });
    await seedUser(lonely.db, { role: "ADMIN", deactivated: true });

    for (const input of [{ role: "REVIEWER" }, { active: false }, { role: "VIEWER", active: false }]) {
      const result = expectData(await admin.graphql<{ updateUser: Result }>(UPDATE, { id: admin.user.id, input })).updateUser;
      expect(result).toMatchObject({ __typename: "ConflictError", message: expect.stringMatching(/at least one active admin/) });
    }
    expect(await lonely.db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).toMatchObject({ role: "ADMIN", deactivatedAt: null });
    expect(await lonely.db.auditLog.count({ where: { action: "user.update" } })).toBe(0);
    // Renaming is still fine.
    expect(expectData(await admin.graphql<{ updateUser: Result }>(UPDATE, { id: admin.user.id, input: { name: "Still admin" } })).updateUser.__typename).toBe("UpdateUserSuccess");
  });

  it("can step down once there is another active admin", async () => {
    const first = await signedIn(lonely, { role: "ADMIN" });
    const second = await seedUser(lonely.db, { role: "ADMIN" });

    const demoted = expectData(await first.graphql<{ updateUser: Result }>(UPDATE, { id: second.id, input: { role: "LABELER" } })).updateUser;
    expect(demoted.__typename).toBe("UpdateUserSuccess");
    const self = expectData(await first.graphql<{ updateUser: Result }>(UPDATE, { id: first.user.id, input: { active: false } })).updateUser;
    expect(self.__typename).toBe("ConflictError");
    expect(await activeAdmins()).toBe(1);
  });

  it("survives two admins deactivating each other at the same time", async () => {
    // A race needs a few tries to show; each round starts with exactly two active admins.
    for (let round = 0; round < 8; round++) {
      await lonely.db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "VIEWER" } });
      const [a, b] = await Promise.all([signedIn(lonely, { role: "ADMIN" }), signedIn(lonely, { role: "ADMIN" })]);

      const results = await Promise.all([
        a.graphql<{ updateUser: Result }>(UPDATE, { id: b.user.id, input: { active: false } }),
        b.graphql<{ updateUser: Result }>(UPDATE, { id: a.user.id, input: { active: false } }),
      ]);

      const succeeded = results.filter((r) => r.data?.updateUser.__typename === "UpdateUserSuccess");
      expect(succeeded).toHaveLength(1);
      expect(await activeAdmins()).toBe(1);
    }
  });
});
