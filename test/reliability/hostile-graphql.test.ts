import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedFrame, seedTitle, seedUser } from "@kao/db/seed";
import { expectData, expectError } from "../integration/support/graphql.ts";
import { operationFor, rootFieldsWithArgs, variablesArbitrary } from "./support/hostile-arbitraries.ts";
import { expectHealthy, expectNoServerError, sendRaw, startHostileEnv, type HostileEnv } from "./support/hostile.ts";
import { fuzzOptions } from "./support/fuzz.ts";

let env: HostileEnv;
let ids: string[];
beforeAll(async () => {
  env = await startHostileEnv();
  const db = env.api.db;
  const dataset = await seedDataset(db, { members: [{ id: env.admin.id }], createdById: env.admin.id });
  const title = await seedTitle(db, { datasetId: dataset.id });
  const frames = await Promise.all([1, 2, 3].map(() => seedFrame(db, { datasetId: dataset.id, titleId: title.id })));
  const other = await seedUser(db, { role: "LABELER" });
  // Ids of real rows, so that fuzzed calls get past "not found" into the services.
  ids = [dataset.id, title.id, other.id, ...frames.map((frame) => frame.id)];
});
afterAll(() => env.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  sendRaw(env.api.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${env.admin.token}`, ...headers }, body });

describe("fuzzed arguments of every operation (as an admin, so calls reach the services)", () => {
  it("never answer 5xx or INTERNAL_SERVER_ERROR, never leak internals, and the API stays up", async () => {
    const introspection = await env.api.graphql<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(expectData(introspection));
    const fields = rootFieldsWithArgs(schema);
    expect(fields.length).toBeGreaterThan(40);
    for (const [kind, field] of fields) {
      const query = operationFor(kind, field);
      await fc.assert(
        fc.asyncProperty(variablesArbitrary(field, ids), async (variables) => {
          const response = await env.api.graphql(query, { variables, token: env.admin.token });
          expectNoServerError(response, `${kind} ${field.name}(${JSON.stringify(variables).slice(0, 300)})`);
        }),
        fuzzOptions(15),
      );
    }
    await expectHealthy(env.api, env.admin.token);
  });

  it("refuses text with NUL characters or lone surrogates (Postgres cannot store them) as BAD_USER_INPUT, storing nothing", async () => {
    const name = `nul-${randomUUID()}`;
    const before = await env.api.db.dataset.count();
    for (const [query, variables] of [
      ["mutation($name: String!) { createDataset(input: { name: $name }) { __typename } }", { name: `${name}\u0000` }],
      [`mutation { createDataset(input: { name: "${name}\\u0000" }) { __typename } }`, {}],
      ["mutation($e: String!) { signIn(email: $e, password: \"x\") { id } }", { e: "a\u0000@kao.test" }],
      ["mutation($name: String!) { createDataset(input: { name: $name }) { __typename } }", { name: `${name}\ud800` }],
      ["mutation($name: String!) { createApiToken(name: $name) { __typename } }", { name: "\udc00 token" }],
    ] as const) {
      const response = await env.api.graphql(query, { variables, token: env.admin.token });
      expectError(response, "BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/NUL characters .* or unpaired surrogates/);
    }
    expect(await env.api.db.dataset.count()).toBe(before);
    await expectHealthy(env.api, env.admin.token);
  });
});

describe("dates Postgres cannot store", () => {
  it("year 0 and dates past 9999 are BAD_USER_INPUT, in variables and in the document", async () => {
    for (const to of ["0000-12-31T23:59:59.999Z", "+010000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z"]) {
      const response = await env.api.graphql("query($to: DateTime) { auditLog(to: $to) { pageInfo { hasNextPage } } }", { variables: { to }, token: env.admin.token });
      expectError(response, "BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/years 1 to 9999/);
    }
    // Written in the document, the same value fails validation, with the same message.
    const literal = await env.api.graphql('{ auditLog(to: "0000-06-01T00:00:00Z") { pageInfo { hasNextPage } } }', { token: env.admin.token });
    expectError(literal, "GRAPHQL_VALIDATION_FAILED");
    expect(literal.errors?.[0]?.message).toMatch(/years 1 to 9999/);
    expectData(await env.api.graphql('{ auditLog(to: "0001-01-01T00:00:00Z") { pageInfo { hasNextPage } } }', { token: env.admin.token }));
  });
});

describe("oversized and malformed operations", () => {
  it("a query nested 50,000 levels deep is refused at parsing (no stack overflow)", async () => {
    const query = `{ me ${"{ a ".repeat(50_000)}${"}".repeat(50_000)} }`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    expectError(response, "GRAPHQL_PARSE_FAILED");
    // Whichever comes first: the parser's recursion or the token limit (where the stack is larger).
    expect(response.errors?.[0]?.message).toMatch(/^(The query is nested too deeply to parse\.|Syntax Error: Document contains more than 5000 tokens\. Parsing aborted\.)$/);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a field repeated 100,000 times (quadratic field-merging validation) is refused at parsing", async () => {
    const query = `{ me { ${"id ".repeat(100_000)} } }`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    expectError(response, "GRAPHQL_PARSE_FAILED");
    expect(response.errors?.[0]?.message).toMatch(/tokens/);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a query nested as deep as the token limit allows (2,400 levels) is refused with a clear error", async () => {
    const query = `{ me ${"{ a ".repeat(2400)}${"}".repeat(2400)} }`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    expectNoServerError(response, "2,400 levels");
    expect(response.errors?.length).toBeGreaterThan(0);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a fragment chain that doubles at each step (2^30 fields once expanded) is refused by breadth", async () => {
    const fragments = Array.from({ length: 30 }, (_, i) =>
      i === 0 ? "fragment F0 on User { id }" : `fragment F${i} on User { ...F${i - 1} a${i}: id ...F${i - 1} }`,
    ).join("\n");
    const response = await post(JSON.stringify({ query: `{ me { ...F29 } }\n${fragments}` }));
    expectNoServerError(response, "fragment chain");
    expect(response.data ?? null).toBeNull();
    await expectHealthy(env.api, env.admin.token);
  });

  it("cyclic fragments are refused by validation", async () => {
    const response = await post(JSON.stringify({ query: "{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }" }));
    expect(response.status).toBe(400);
    expectError(response, "GRAPHQL_VALIDATION_FAILED");
  });

  it("sixty aliased signIn guesses in one operation are no faster than one: the first failure stops the rest", async () => {
    const user = await seedUser(env.api.db);
    const guesses = Array.from({ length: 60 }, (_, i) => `g${i}: signIn(email: "${user.email}", password: "guess-${i}") { id }`).join(" ");
    const response = await post(JSON.stringify({ query: `mutation { ${guesses} }` }), { "x-forwarded-for": "10.200.0.1" });
    // Mutation fields run one after the other, and signIn's result is non-null: its failure ends the operation.
    expectError(response, "UNAUTHENTICATED");
    expect(response.errors).toHaveLength(1);
    expect(await env.api.db.loginAttempt.count({ where: { email: user.email } })).toBe(1);
    expectData(await env.api.graphql(`mutation { signIn(email: "${user.email}", password: "${user.password}") { id } }`, { headers: { "x-forwarded-for": "10.200.0.2" } }));
  });

  it.each([
    ["an array of 1000 operations (batching is off)", JSON.stringify(Array.from({ length: 1000 }, () => ({ query: "{ me { id } }" })))],
    ["an empty array", "[]"],
    ["null", "null"],
    ["a number", "42"],
    ["a query that is not a string", JSON.stringify({ query: { a: 1 } })],
    ["variables that are not an object", JSON.stringify({ query: "{ me { id } }", variables: "x" })],
    ["two operations and no operationName", JSON.stringify({ query: "query A { me { id } } query B { me { id } }" })],
    ["an operationName that is not there", JSON.stringify({ query: "query A { me { id } }", operationName: "B" })],
    ["no query at all", JSON.stringify({ variables: {} })],
  ])("%s → HTTP 400 with a code", async (_name, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expectNoServerError(response, body.slice(0, 80));
    expect(response.errors?.length).toBeGreaterThan(0);
    await expectHealthy(env.api, env.admin.token);
  });
});

describe("huge variables", () => {
  it("a 30 MB variables object → HTTP 413 PAYLOAD_TOO_LARGE, nothing stored, the API still answers", async () => {
    const name = `huge-${randomUUID()}`;
    const body = JSON.stringify({
      query: "mutation($input: CreateDatasetInput!) { createDataset(input: $input) { __typename } }",
      variables: { input: { name, description: "x".repeat(30 * 1024 * 1024) } },
    });
    const response = await post(body);
    expect(response.status).toBe(413);
    expectError(response, "PAYLOAD_TOO_LARGE");
    expect(await env.api.db.dataset.count({ where: { name } })).toBe(0);
    await expectHealthy(env.api, env.admin.token);
  });

  it("variables nested 200,000 arrays deep (under the size limit) → a clear BAD_USER_INPUT", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const body = `{"query":"mutation($d: [LabelDecisionInput!]!) { submitLabels(datasetId: \\"${ids[0]}\\", decisions: $d) { __typename } }","variables":{"d":${deep}}}`;
    const response = await post(body);
    expect(response.status).toBe(400);
    expectError(response, "BAD_USER_INPUT");
    await expectHealthy(env.api, env.admin.token);
  });
});
