import { randomUUID } from "node:crypto";
import { getIntrospectionQuery } from "graphql";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET, startTestApi, type GraphQLResponse, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";

let api: TestApi;
let admin: Caller;
beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api.close());

/** A raw HTTP request to the API, for what the JSON helper cannot send. */
async function send(init: RequestInit & { search?: string }, target: TestApi = api): Promise<GraphQLResponse<unknown>> {
  const response = await fetch(target.url + (init.search ?? ""), init);
  const body = (await response.json()) as Omit<GraphQLResponse<unknown>, "status">;
  return { status: response.status, ...body };
}

const JSON_HEADERS = { "content-type": "application/json" };

describe("malformed operations", () => {
  it("a syntax error → GRAPHQL_PARSE_FAILED, HTTP 400", async () => {
    const response = await admin.graphql("{ me { email ");
    expectError(response, "GRAPHQL_PARSE_FAILED");
    expect(response.status).toBe(400);
  });

  it("an unknown field → GRAPHQL_VALIDATION_FAILED, HTTP 400", async () => {
    const response = await admin.graphql("{ me { email passwordHash } }");
    expectError(response, "GRAPHQL_VALIDATION_FAILED");
    expect(response.status).toBe(400);
  });

  it("a variable of the wrong type → BAD_USER_INPUT", async () => {
    expectError(await admin.graphql("query($id: ID!) { dataset(id: $id) { id } }", { id: 5.5 }), "BAD_USER_INPUT");
  });
});

describe("operation limits", () => {
  const nest = (levels: number, leaf: string) => Array.from({ length: levels }).reduce<string>((inner) => `ofType { ${inner} }`, leaf);

  it("refuses an introspection query deeper than 15 → QUERY_TOO_COMPLEX, HTTP 400", async () => {
    const response = await api.graphql(`{ __schema { types { fields { type { ${nest(12, "name")} } } } } }`);
    expectError(response, "QUERY_TOO_COMPLEX");
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.["kind"]).toBe("depth");
    expect(response.data ?? null).toBeNull();
  });

  it("holds introspection mixed into a normal query to the normal depth limit of 10", async () => {
    const response = await admin.graphql(`{ me { id } __schema { types { fields { type { ${nest(6, "name")} } } } } }`);
    expectError(response, "QUERY_TOO_COMPLEX");
    expect(response.errors?.[0]?.extensions?.["kind"]).toBe("depth");
  });

  it("answers graphql's standard introspection query (tools need it), and the deepest query the schema allows", async () => {
    const introspection = await api.graphql<{ __schema: { types: unknown[] } }>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(expectData(introspection).__schema.types.length).toBeGreaterThan(20);
    const deepest = "{ datasets { edges { node { members { edges { node { user { email } } } } } } } }";
    expectData(await admin.graphql(deepest));
  });

  it("refuses an alias bomb of introspection → QUERY_TOO_COMPLEX", async () => {
    const bomb = Array.from({ length: 70 }, (_, i) => `s${i}: __schema { types { fields { name } } }`).join(" ");
    const response = await api.graphql(`{ ${bomb} }`);
    expectError(response, "QUERY_TOO_COMPLEX");
    expect(response.errors?.[0]?.extensions?.["kind"]).toBe("breadth");
  });

  it("refuses more than 200 fields by aliases → QUERY_TOO_COMPLEX", async () => {
    const me = Array.from({ length: 101 }, (_, i) => `a${i}: me { id }`).join(" ");
    const typename = Array.from({ length: 201 }, (_, i) => `t${i}: __typename`).join(" ");
    for (const query of [`{ ${me} }`, `{ ${typename} }`]) {
      const response = await admin.graphql(query);
      expectError(response, "QUERY_TOO_COMPLEX");
      expect(response.errors?.[0]?.extensions?.["kind"]).toBe("breadth");
    }
    expectData(await admin.graphql(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(" ")} }`));
  });

  it("refuses an operation whose estimated cost is over the limit → QUERY_TOO_COMPLEX", async () => {
    const heavy = Array.from({ length: 20 }, (_, i) => `d${i}: datasets { edges { node { members { edges { node { user { id } } } } } } }`).join(" ");
    const response = await admin.graphql(`{ ${heavy} }`);
    expectError(response, "QUERY_TOO_COMPLEX");
    expect(response.errors?.[0]?.extensions?.["kind"]).toBe("complexity");
  });
});

describe("request bodies", () => {
  it("over the size limit → HTTP 413 PAYLOAD_TOO_LARGE", async () => {
    const small = await startTestApi({ maxBodyBytes: 10_000 });
    try {
      const email = `big-${randomUUID()}@kao.test`;
      const body = JSON.stringify({
        query: "mutation($input: CreateUserInput!) { createUser(input: $input) { __typename } }",
        variables: { input: { email, role: "ADMIN", name: "x".repeat(20_000) } },
      });
      const response = await send({ method: "POST", headers: { ...JSON_HEADERS, authorization: `Bearer ${admin.token}` }, body }, small);
      expect(response.status).toBe(413);
      expectError(response, "PAYLOAD_TOO_LARGE");
      expect(await api.db.user.count({ where: { email } })).toBe(0);
      // Under the limit, the same API answers.
      expectData(await small.graphql("{ __typename }"));
    } finally {
      await small.close();
    }
  });

  it.each([
    ["broken JSON", "{ query: nope"],
    ["a bare JSON string", '"{ __typename }"'],
  ])("%s → HTTP 400 BAD_USER_INPUT", async (_name, body) => {
    const response = await send({ method: "POST", headers: JSON_HEADERS, body });
    expect(response.status).toBe(400);
    expectError(response, "BAD_USER_INPUT");
  });

  it.each([
    ["an unsupported charset", { "content-type": "application/json; charset=latin1" }],
    ["an unsupported content encoding", { ...JSON_HEADERS, "content-encoding": "bogus" }],
  ])("%s → HTTP 415 BAD_USER_INPUT (the client's mistake, not an internal error)", async (_name, headers) => {
    const response = await send({ method: "POST", headers, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(response.status).toBe(415);
    expectError(response, "BAD_USER_INPUT");
  });

  it("a batch (JSON array) is refused and none of it runs", async () => {
    const names = [`batch-${randomUUID()}`, `batch-${randomUUID()}`];
    const body = JSON.stringify(names.map((name) => ({ query: `mutation { createDataset(input: { name: "${name}" }) { __typename } }` })));
    const response = await send({ method: "POST", headers: { ...JSON_HEADERS, authorization: `Bearer ${admin.token}` }, body });
    expect(response.status).toBe(400);
    expectError(response, "BAD_REQUEST");
    expect(await api.db.dataset.count({ where: { name: { in: names } } })).toBe(0);
  });
});

describe("cross-site requests (a browser with the admin's session cookie)", () => {
  let cookie: string;
  beforeAll(async () => {
    const user = await seedUser(api.db, { role: "ADMIN" });
    cookie = `next-auth.session-token=${await encode({ token: { sub: user.id }, secret: TEST_SESSION_SECRET })}`;
  });
  const createDataset = (name: string) => `mutation { createDataset(input: { name: "${name}" }) { __typename } }`;

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "a simple POST (%s) is refused and does not run",
    async (contentType) => {
      const name = `csrf-${randomUUID()}`;
      const response = await send({ method: "POST", headers: { "content-type": contentType, cookie }, body: JSON.stringify({ query: createDataset(name) }) });
      expect(response.status).toBe(400);
      expectError(response, "BAD_REQUEST");
      expect(response.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
      expect(await api.db.dataset.count({ where: { name } })).toBe(0);
    },
  );

  it("a GET without the preflight header is refused, with or without a mutation", async () => {
    const name = `csrf-${randomUUID()}`;
    for (const query of [createDataset(name), "{ me { email } }"]) {
      const response = await send({ method: "GET", headers: { cookie }, search: `?query=${encodeURIComponent(query)}` });
      expect(response.status).toBe(400);
      expectError(response, "BAD_REQUEST");
    }
    expect(await api.db.dataset.count({ where: { name } })).toBe(0);
  });

  it("a GET mutation is refused even with the preflight header", async () => {
    const name = `csrf-${randomUUID()}`;
    const response = await send({
      method: "GET",
      headers: { cookie, "apollo-require-preflight": "true" },
      search: `?query=${encodeURIComponent(createDataset(name))}`,
    });
    expect(response.status).toBe(405);
    expectError(response, "BAD_REQUEST");
    expect(await api.db.dataset.count({ where: { name } })).toBe(0);
  });

  it("the same mutation as a JSON POST works (so the refusals above are about CSRF)", async () => {
    const name = `csrf-${randomUUID()}`;
    const response = await api.graphql(createDataset(name), { headers: { cookie } });
    expect(expectData(response)).toEqual({ createDataset: { __typename: "CreateDatasetSuccess" } });
    expect(await api.db.dataset.count({ where: { name } })).toBe(1);
  });
});

describe("unexpected failures", () => {
  it("are masked: a generic message, no stack, no database details", async () => {
    // An API whose database does not exist: every query fails inside Prisma.
    const url = new URL(inject("adminDatabaseUrl"));
    url.pathname = `/kao_missing_${randomUUID().slice(0, 8)}`;
    const broken = await startTestApi({ connectionString: url.toString() });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const resolver = await broken.graphql(`mutation { signIn(email: "a@kao.test", password: "whatever-password") { id } }`);
      expectError(resolver, "INTERNAL_SERVER_ERROR");
      expect(resolver.errors?.[0]?.message).toBe("Internal server error.");
      expect(JSON.stringify(resolver)).not.toMatch(/kao_missing|does not exist|prisma/i);

      const context = await broken.graphql("{ me { id } }", { token: admin.token });
      expect(context.status).toBe(500);
      expectError(context, "INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(context)).not.toMatch(/kao_missing|does not exist|prisma|Context creation/i);

      // What clients do not see goes to the log, for operators.
      expect(stderr.mock.calls.map((call) => String(call[0])).join("")).toContain("does not exist");
    } finally {
      stderr.mockRestore();
      await broken.close();
    }
  });
});

describe("health", () => {
  it("answers /healthz once the database is reachable", async () => {
    const response = await fetch(api.url.replace(/\/graphql$/, "/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
