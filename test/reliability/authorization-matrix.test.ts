import { randomUUID } from "node:crypto";
import type { GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLResponse } from "../support/api.ts";
import { accessTable, httpAccessTable, publicRoutes, type AccessCase, type AccessRule, type Denial } from "./access-table.ts";
import { startWorldApi, type WorldApi } from "./support/world-api.ts";
import { buildOperation, errorTypeNames, loadLiveSchema, rootOperations, type RootType } from "./support/world-operation.ts";
import { CALLERS, clientName, type CallerName, type Client } from "./support/world-clients.ts";
import { seedWorld, type World } from "./support/world.ts";

/*
 * The authorisation matrix: every root operation of the live schema and every plain HTTP route, called
 * by every caller (each role by API token and by the web app's session, plus anonymous, revoked and
 * expired credentials and a deactivated account; see support/world-clients.ts), against
 * access-table.ts. Denied callers must get exactly the declared code and no data; allowed callers
 * must get no error at all. A new operation or route fails here until it has a rule.
 */

let api: WorldApi;
let world: World;
let schema: GraphQLSchema;
let errorTypes: Set<string>;

beforeAll(async () => {
  api = await startWorldApi();
  world = await seedWorld(api);
  schema = await loadLiveSchema(api);
  errorTypes = errorTypeNames(schema);
});
afterAll(() => api?.close());

// Outsiders must never see an id of the world's dataset, in an answer or in an error.
const OUTSIDERS: CallerName[] = ["anonymous", "nonMember", "revokedToken", "expiredToken", "deactivated", "expiredSession"];
const INTERNAL_WORDING = /prisma|postgres|invalid input syntax|violates|constraint|\n\s+at |\.ts:\d+|node_modules/i;

const HTTP_STATUS: Record<Denial, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function decision(rule: AccessRule, caller: CallerName): { allowed: true } | { allowed: false; code: Denial } {
  if (rule.allow.includes(caller)) return { allowed: true };
  const code = rule.deny[caller];
  if (!code) throw new Error(`no decision for ${caller}`);
  return { allowed: false, code };
}

/** What is wrong with one GraphQL answer, or null. */
async function judge(entry: AccessCase, field: string, client: Client, response: GraphQLResponse<Record<string, unknown>>): Promise<string | null> {
  const expected = decision(entry, client.caller);
  const codes = [...new Set(response.errors?.map((error) => error.extensions?.code))];
  const result = response.data?.[field];
  const leaked = OUTSIDERS.includes(client.caller) ? world.secretIds.filter((id) => JSON.stringify(response).includes(id)) : [];
  if (leaked.length) return `an outsider saw ids of the world's dataset: ${leaked.join(", ")}`;
  const internal = response.errors?.find((error) => INTERNAL_WORDING.test(error.message));
  if (internal) return `an error leaks internals: ${internal.message}`;

  if (!expected.allowed) {
    if (codes.length !== 1 || codes[0] !== expected.code) return `expected ${expected.code}, got ${JSON.stringify(response).slice(0, 300)}`;
    const withheld = entry.guards ? (result as Record<string, unknown> | null)?.[entry.guards] : result;
    return withheld == null ? null : `refused with ${expected.code} but answered data ${JSON.stringify(result).slice(0, 200)}`;
  }
  if (response.errors) return `expected to get through, got ${JSON.stringify(response.errors).slice(0, 300)}`;
  if (!response.data || !(field in response.data)) return `no data: ${JSON.stringify(response).slice(0, 300)}`;
  const typename = (result as { __typename?: string } | null)?.__typename;
  if (entry.outcome ? typename !== entry.outcome : typename && errorTypes.has(typename)) {
    return `answered ${typename} (expected ${entry.outcome ?? "success"}): ${JSON.stringify(result).slice(0, 300)}`;
  }
  return (await entry.check?.(result, world, client)) ?? null;
}

const operations = Object.entries(accessTable).flatMap(([name, cases]) =>
  cases.map((entry) => ({ name, entry, title: entry.label ? `${name} (${entry.label})` : name })),
);

describe("the access table", () => {
  it("has a rule for every Query and Mutation field of the live schema, and none for fields that are gone", () => {
    const live = rootOperations(schema);
    const declared = Object.keys(accessTable);
    const missing = live.filter((name) => !declared.includes(name));
    const gone = declared.filter((name) => !live.includes(name));
    expect(
      { missing, gone },
      `Declare who may call ${missing.join(", ") || "–"} in test/reliability/access-table.ts; remove ${gone.join(", ") || "–"}.`,
    ).toEqual({ missing: [], gone: [] });
  });

  it("has a rule for every plain HTTP route of the API, and none for routes that are gone", () => {
    const declared = [...new Set([...httpAccessTable.map((entry) => entry.route), ...Object.keys(publicRoutes)])];
    const missing = api.routes.filter((route) => !declared.includes(route));
    const gone = declared.filter((route) => !api.routes.includes(route));
    expect({ missing, gone }, `Declare who may call ${missing.join(", ") || "–"} in httpAccessTable; remove ${gone.join(", ") || "–"}.`).toEqual({
      missing: [],
      gone: [],
    });
  });

  const rules: { title: string; entry: AccessRule }[] = [...operations, ...httpAccessTable.map((entry) => ({ title: entry.label, entry }))];
  it.each(rules)(
    "decides every caller exactly once for $title",
    ({ entry }) => {
      const denied = Object.keys(entry.deny) as CallerName[];
      expect(denied.filter((caller) => entry.allow.includes(caller)), "callers both allowed and denied").toEqual([]);
      expect([...entry.allow, ...denied].sort()).toEqual([...CALLERS].sort());
    },
  );
});

describe("GraphQL operations", () => {
  it.each(operations)("$title lets exactly its allowed callers through", async ({ name, entry }) => {
    const [type, field] = name.split(".") as [RootType, string];
    if (!rootOperations(schema).includes(name)) throw new Error(`${name} is not in the live schema any more`);
    const problems = await Promise.all(
      world.clients.map(async (client) => {
        const variables = await entry.variables(world, client);
        const selection = typeof entry.selection === "function" ? entry.selection(world) : entry.selection;
        const query = buildOperation(schema, type, field, variables, selection);
        const response = await api.graphql(query, { variables, headers: { ...client.headers, ...entry.headers?.(world, client) } });
        const problem = await judge(entry, field, client, response);
        return problem && `${clientName(client)}: ${problem}`;
      }),
    );
    expect(problems.filter(Boolean)).toEqual([]);
  });
});

describe("HTTP routes", () => {
  it.each(httpAccessTable)("$label lets exactly its allowed callers through", async (entry) => {
    const problems = await Promise.all(
      world.clients.map(async (client) => {
        const { path, init } = await entry.request(world, client);
        const response = await fetch(`${api.origin}${path}`, { ...init, headers: { ...init?.headers, ...client.headers } });
        const expected = decision(entry, client.caller);
        if (expected.allowed) {
          const problem = await entry.check(response, world);
          return problem && `${clientName(client)}: ${problem}`;
        }
        const text = await response.text();
        // Refusals answer in GraphQL's error shape; anything else (an image, a file) is itself the failure.
        const json = response.headers.get("content-type")?.startsWith("application/json");
        const code = json ? (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code : undefined;
        if (code !== expected.code || response.status !== HTTP_STATUS[expected.code]) {
          return `${clientName(client)}: expected ${HTTP_STATUS[expected.code]} ${expected.code}, got ${response.status} ${text.slice(0, 200)}`;
        }
        const leaked = world.secretIds.filter((id) => text.includes(id));
        return leaked.length ? `${clientName(client)}: the refusal names ${leaked.join(", ")}` : null;
      }),
    );
    expect(problems.filter(Boolean)).toEqual([]);
  });

  it("answers a non-member's frame exactly as a frame that does not exist", async () => {
    const outsider = world.clients.find((client) => client.caller === "nonMember" && client.via === "token");
    if (!outsider) throw new Error("no non-member client");
    const ask = async (id: string) => {
      const response = await fetch(`${api.origin}/frames/${id}/thumb`, { headers: outsider.headers });
      return { status: response.status, body: await response.text() };
    };
    const real = await ask(world.frames[0]?.id ?? "");
    expect(real.status).toBe(404);
    expect(real).toEqual(await ask(randomUUID()));
  });
});

describe("what the calls left behind", () => {
  // Runs last: every job the matrix's calls queued must have been started by a caller allowed to start one.
  it("queued jobs only for admins and reviewers", async () => {
    const jobs = await api.db.job.findMany({ where: { id: { in: api.enqueued } }, select: { id: true, kind: true, createdById: true } });
    expect(jobs).toHaveLength(new Set(api.enqueued).size);
    const starters = new Set(world.clients.flatMap((client) => (client.user && (client.caller === "admin" || client.caller === "reviewer") ? [client.user.id] : [])));
    expect(jobs.filter((job) => !job.createdById || !starters.has(job.createdById))).toEqual([]);
  });
});
