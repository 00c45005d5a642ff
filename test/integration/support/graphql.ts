import { expect } from "vitest";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { seedUser } from "@kao/db/seed";
import type { GraphQLResponse, TestApi } from "../../support/api.ts";

// Extensions a client may see; anything else (stacktrace, exception, http, …) is an internal detail.
const PUBLIC_EXTENSIONS = new Set(["code", "kind", "retryAfterSeconds"]);
const INTERNAL_WORDING = /prisma|postgres|invalid input syntax|violates|constraint|\n\s+at |\.ts:\d+|node_modules|stack|Context creation failed/i;

/** The response failed with `code` (every error has it), and no error leaks internals. */
export function expectError(response: GraphQLResponse<unknown>, code: string) {
  expect(response.errors, `expected ${code}, got ${JSON.stringify(response)}`).toBeDefined();
  expect(new Set(response.errors?.map((error) => error.extensions?.code))).toEqual(new Set([code]));
  expectNoLeaks(response);
}

export function expectNoLeaks(response: GraphQLResponse<unknown>) {
  for (const error of response.errors ?? []) {
    expect(Object.keys(error.extensions ?? {}).filter((key) => !PUBLIC_EXTENSIONS.has(key))).toEqual([]);
    expect(error.message).not.toMatch(INTERNAL_WORDING);
  }
}

/** The response succeeded: no errors, and `data` is there. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data).toBeTruthy();
  return response.data as T;
}

export type Caller = Awaited<ReturnType<typeof signedIn>>;

/** A freshly seeded user with an API token, and a `graphql` that sends it. */
export async function signedIn(api: TestApi, options: Parameters<typeof seedUser>[1] = {}) {
  const user = await seedUser(api.db, options);
  const { token, apiToken } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, user.id, { name: "test" });
  return {
    user,
    token,
    apiToken,
    graphql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => api.graphql<T>(query, { variables, token }),
  };
}

/** A client address of its own, so per-address sign-in limits of other tests do not interfere. */
export function randomIp() {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}
