import { createHash } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const CREATE = `mutation Create($name: String!, $expiresInDays: Int) {
  createApiToken(name: $name, expiresInDays: $expiresInDays) {
    __typename
    ... on CreateApiTokenSuccess { data { token apiToken { id name prefix expiresAt lastUsedAt revokedAt } } }
    ... on ValidationError { message inputErrors { path message } }
  }
}`;
const LIST = `query List($includeRevoked: Boolean) {
  apiTokens(includeRevoked: $includeRevoked) { edges { node { id name prefix lastUsedAt expiresAt revokedAt createdAt } } }
}`;
const REVOKE = `mutation Revoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
const ME = "{ me { email role } }";

interface Created {
  createApiToken:
    | { __typename: "CreateApiTokenSuccess"; data: { token: string; apiToken: { id: string; name: string; prefix: string; expiresAt: string | null } } }
    | { __typename: "ValidationError"; message: string; inputErrors: { path: string; message: string }[] };
}

/** A user signed in to the web app (session JWT), the way people create their tokens. */
async function webUser(role: "ADMIN" | "REVIEWER" | "LABELER" | "VIEWER" = "LABELER") {
  const user = await seedUser(api.db, { role });
  const session = await encode({ token: { sub: user.id }, secret: TEST_SESSION_SECRET });
  return { user, graphql: <T>(query: string, variables?: Record<string, unknown>) => api.graphql<T>(query, { variables, token: session }) };
}

async function createToken(owner: Awaited<ReturnType<typeof webUser>>, name = "laptop", expiresInDays?: number) {
  const result = expectData(await owner.graphql<Created>(CREATE, { name, expiresInDays })).createApiToken;
  if (result.__typename !== "CreateApiTokenSuccess") throw new Error(`createApiToken failed: ${result.message}`);
  return result.data;
}

const auditRows = (targetId: string) => api.db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("API tokens", () => {
  it("work for `me` once created, and are stored only as their sha256", async () => {
    const owner = await webUser("REVIEWER");

    const { token, apiToken } = await createToken(owner);

    expect(token).toMatch(/^kao_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.prefix).toBe(token.slice(0, 10));
    expect(expectData(await api.graphql(ME, { token }))).toEqual({ me: { email: owner.user.email, role: "REVIEWER" } });
    const stored = await api.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id }, omit: { tokenHash: false } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("leave the plain token nowhere in the database", async () => {
    const owner = await webUser();
    const { token } = await createToken(owner, "ci");
    const secret = token.slice("kao_".length);

    const tables = await api.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const [row] = await api.db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text LIKE '%' || $1 || '%'`,
        secret,
      );
      expect(Number(row?.n), `token found in ${table_name}`).toBe(0);
    }
  });

  it("are listed without the secret, newest first, and only the owner's", async () => {
    const owner = await webUser();
    const stranger = await webUser();
    const first = await createToken(owner, "first");
    const second = await createToken(owner, "second");
    await createToken(stranger, "theirs");

    const response = await owner.graphql<{ apiTokens: { edges: { node: { id: string; name: string; prefix: string } }[] } }>(LIST);

    const nodes = expectData(response).apiTokens.edges.map((e) => e.node);
    expect(nodes.map((n) => n.name)).toEqual(["second", "first"]);
    expect(JSON.stringify(response)).not.toContain(first.token.slice(10));
    expect(JSON.stringify(response)).not.toContain(second.token.slice(10));
    expectError(await owner.graphql("{ apiTokens { edges { node { tokenHash } } } }"), "GRAPHQL_VALIDATION_FAILED");
  });

  it("record when they were last used", async () => {
    const owner = await webUser();
    const { token, apiToken } = await createToken(owner);
    expect(apiToken).toMatchObject({ lastUsedAt: null, revokedAt: null, expiresAt: null });

    expectData(await api.graphql(ME, { token }));

    const stored = await api.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(stored.lastUsedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("expire after expiresInDays", async () => {
    const owner = await webUser();
    const { token, apiToken } = await createToken(owner, "short", 30);
    expect(new Date(apiToken.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expectData(await api.graphql(ME, { token }));

    await api.db.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const response = await api.graphql(ME, { token });
    expectError(response, "UNAUTHENTICATED");
    expect(response.status).toBe(401);
  });

  it("stop working when their user is deactivated", async () => {
    const owner = await webUser();
    const { token } = await createToken(owner);
    await api.db.user.update({ where: { id: owner.user.id }, data: { deactivatedAt: new Date() } });

    expectError(await api.graphql(ME, { token }), "UNAUTHENTICATED");
  });

  it("need a name and a sensible lifetime", async () => {
    const owner = await webUser();
    for (const [name, expiresInDays, path] of [["  ", null, "name"], ["x", 0, "expiresInDays"], ["x", 4000, "expiresInDays"]] as const) {
      const result = expectData(await owner.graphql<Created>(CREATE, { name, expiresInDays })).createApiToken;
      expect(result).toMatchObject({ __typename: "ValidationError", inputErrors: [{ path }] });
    }
    expect(await api.db.apiToken.count({ where: { userId: owner.user.id } })).toBe(0);
  });

  it("cannot be created anonymously", async () => {
    expectError(await api.graphql(CREATE, { variables: { name: "x" } }), "UNAUTHENTICATED");
  });
});

describe("revokeApiToken", () => {
  it("stops the token at once; revoking again is harmless; the list hides it unless asked", async () => {
    const owner = await webUser();
    const { token, apiToken } = await createToken(owner);

    const revoked = expectData(await owner.graphql<{ revokeApiToken: { id: string; revokedAt: string } }>(REVOKE, { id: apiToken.id }));
    expect(revoked.revokeApiToken.revokedAt).toBeTruthy();

    const response = await api.graphql(ME, { token });
    expectError(response, "UNAUTHENTICATED");
    expect(response.status).toBe(401);
    const again = expectData(await owner.graphql<{ revokeApiToken: { revokedAt: string } }>(REVOKE, { id: apiToken.id }));
    expect(again.revokeApiToken.revokedAt).toBe(revoked.revokeApiToken.revokedAt);
    type List = { apiTokens: { edges: { node: { id: string } }[] } };
    expect(expectData(await owner.graphql<List>(LIST)).apiTokens.edges).toEqual([]);
    expect(expectData(await owner.graphql<List>(LIST, { includeRevoked: true })).apiTokens.edges.map((e) => e.node.id)).toEqual([apiToken.id]);
  });

  it("refuses another user's token as NOT_FOUND (not FORBIDDEN) and leaves it working", async () => {
    const owner = await webUser();
    const other = await webUser("REVIEWER");
    const { token, apiToken } = await createToken(owner);

    expectError(await other.graphql(REVOKE, { id: apiToken.id }), "NOT_FOUND");
    const unknown = await other.graphql(REVOKE, { id: "00000000-0000-4000-8000-000000000000" });
    expectError(unknown, "NOT_FOUND");

    expectData(await api.graphql(ME, { token }));
    expect((await api.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).toBeNull();
    expect((await auditRows(apiToken.id)).map((row) => row.action)).toEqual(["token.create"]);
  });

  it("lets an admin revoke anyone's token, recorded with the admin as actor", async () => {
    const owner = await webUser();
    const admin = await signedIn(api, { role: "ADMIN" });
    const { token, apiToken } = await createToken(owner);

    expectData(await admin.graphql(REVOKE, { id: apiToken.id }));

    expectError(await api.graphql(ME, { token }), "UNAUTHENTICATED");
    expect((await auditRows(apiToken.id)).map((row) => [row.action, row.actorId])).toEqual([
      ["token.create", owner.user.id],
      ["token.revoke", admin.user.id],
    ]);
  });

  it("rejects a malformed id as BAD_USER_INPUT", async () => {
    const owner = await webUser();
    expectError(await owner.graphql(REVOKE, { id: "1 OR 1=1" }), "BAD_USER_INPUT");
  });
});
