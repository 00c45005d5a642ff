import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, randomIp } from "./support/graphql.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { id email lastLoginAt }
}`;

/** Signs in from a client address of its own (the API trusts X-Forwarded-For from loopback, where the web app runs). */
const signIn = (email: string, password: string, ip: string) =>
  api.graphql<{ signIn: { id: string; email: string; lastLoginAt: string } }>(SIGN_IN, {
    variables: { email, password },
    headers: { "x-forwarded-for": ip },
  });

const lastLoginAt = async (id: string) => (await api.db.user.findUniqueOrThrow({ where: { id } })).lastLoginAt;
const attempts = (email: string) => api.db.loginAttempt.findMany({ where: { email }, orderBy: { createdAt: "asc" } });

describe("signIn", () => {
  it("returns the user and records the sign-in time for the right password", async () => {
    const user = await seedUser(api.db);
    const before = Date.now();

    const data = expectData(await signIn(`  ${user.email.toUpperCase()} `, user.password, randomIp()));

    expect(data.signIn).toMatchObject({ id: user.id, email: user.email });
    const stored = await lastLoginAt(user.id);
    expect(stored?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(data.signIn.lastLoginAt).getTime()).toBe(stored?.getTime());
    expect((await attempts(user.email)).map((a) => a.success)).toEqual([true]);
  });

  it("gives a wrong password and an unknown email the same answer, and changes nothing but the attempt log", async () => {
    const user = await seedUser(api.db);
    const unknown = `nobody-${randomUUID()}@kao.test`;

    const wrong = await signIn(user.email, "not-the-password", randomIp());
    const missing = await signIn(unknown, user.password, randomIp());

    expectError(wrong, "UNAUTHENTICATED");
    expectError(missing, "UNAUTHENTICATED");
    expect(wrong.errors?.[0]?.message).toBe("Wrong email or password.");
    expect(missing.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
    expect(await lastLoginAt(user.id)).toBeNull();
    expect((await attempts(user.email)).map((a) => a.success)).toEqual([false]);
    expect((await attempts(unknown)).map((a) => a.success)).toEqual([false]);
  });

  it("refuses a deactivated user even with the right password, without revealing it to a wrong password", async () => {
    const user = await seedUser(api.db, { deactivated: true });

    const right = await signIn(user.email, user.password, randomIp());
    const wrong = await signIn(user.email, "not-the-password", randomIp());

    expectError(right, "UNAUTHENTICATED");
    expect(right.errors?.[0]?.message).toMatch(/deactivated/);
    expectError(wrong, "UNAUTHENTICATED");
    expect(wrong.errors?.[0]?.message).toBe("Wrong email or password.");
    expect(await lastLoginAt(user.id)).toBeNull();
  });

  it("rate-limits an email after 10 failures, even for the right password, from any address", async () => {
    const user = await seedUser(api.db);
    for (let i = 0; i < 10; i++) expectError(await signIn(user.email, `wrong-${i}`, randomIp()), "UNAUTHENTICATED");

    const limited = await signIn(user.email, user.password, randomIp());

    expectError(limited, "RATE_LIMITED");
    expect(limited.errors?.[0]?.extensions?.["retryAfterSeconds"]).toBe(900);
    expect(await lastLoginAt(user.id)).toBeNull();
    // A refused attempt is not even checked, so it is not logged either.
    expect(await attempts(user.email)).toHaveLength(10);

    // Someone else is not affected.
    const other = await seedUser(api.db);
    expectData(await signIn(other.email, other.password, randomIp()));
  });

  it("cannot be outrun by sending many guesses at once", async () => {
    const user = await seedUser(api.db);

    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(user.email, `parallel-${i}`, randomIp())));

    const codes = responses.map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes.filter((code) => code === "UNAUTHENTICATED").length).toBeLessThanOrEqual(10);
    expect(codes.filter((code) => code === "RATE_LIMITED").length).toBeGreaterThanOrEqual(20);
    expect((await attempts(user.email)).length).toBeLessThanOrEqual(10);
    expect(await lastLoginAt(user.id)).toBeNull();
  });

  it("rate-limits a client address after 50 failures across emails", async () => {
    const ip = randomIp();
    const user = await seedUser(api.db);
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => signIn(`spray-${batch}-${i}-${randomUUID()}@kao.test`, "guess", ip)));
      for (const response of responses) expectError(response, "UNAUTHENTICATED");
    }

    expectError(await signIn(user.email, user.password, ip), "RATE_LIMITED");
    expect(await lastLoginAt(user.id)).toBeNull();
    expectData(await signIn(user.email, user.password, randomIp()));
  });
});

const ME = "{ me { id email role } }";

const sessionToken = (sub: string, secret = TEST_SESSION_SECRET, maxAge?: number) =>
  encode({ token: { sub, email: "ignored@kao.test" }, secret, ...(maxAge === undefined ? {} : { maxAge }) });

describe("session tokens from the web app", () => {
  it("authenticate as `Authorization: Bearer` and as either next-auth cookie", async () => {
    const user = await seedUser(api.db, { role: "VIEWER" });
    const token = await sessionToken(user.id);
    const expected = { me: { id: user.id, email: user.email, role: "VIEWER" } };

    expect(expectData(await api.graphql(ME, { token }))).toEqual(expected);
    expect(expectData(await api.graphql(ME, { headers: { cookie: `theme=dark; next-auth.session-token=${token}` } }))).toEqual(expected);
    expect(expectData(await api.graphql(ME, { headers: { cookie: `__Secure-next-auth.session-token=${token}` } }))).toEqual(expected);
  });

  it("signed with another secret: refused as a bearer token, ignored as a cookie (the caller is anonymous)", async () => {
    const user = await seedUser(api.db);
    const forged = await sessionToken(user.id, "some-other-secret-0123456789abcdef0123456789");

    const bearer = await api.graphql(ME, { token: forged });
    expectError(bearer, "UNAUTHENTICATED");
    expect(bearer.status).toBe(401);

    const cookie = await api.graphql("{ __typename }", { headers: { cookie: `next-auth.session-token=${forged}` } });
    expect(cookie.status).toBe(200);
    expect(expectData(cookie)).toEqual({ __typename: "Query" });
    const anonymous = await api.graphql(ME, { headers: { cookie: `next-auth.session-token=${forged}` } });
    expectError(anonymous, "UNAUTHENTICATED");
    expect(anonymous.errors?.[0]?.path).toEqual(["me"]);
  });

  it("expired: refused as a bearer token", async () => {
    const user = await seedUser(api.db);
    const response = await api.graphql(ME, { token: await sessionToken(user.id, TEST_SESSION_SECRET, -3600) });
    expectError(response, "UNAUTHENTICATED");
    expect(response.status).toBe(401);
  });

  it("of a deactivated user: refused both ways", async () => {
    const user = await seedUser(api.db, { deactivated: true });
    const token = await sessionToken(user.id);

    expectError(await api.graphql(ME, { token }), "UNAUTHENTICATED");
    const cookie = await api.graphql(ME, { headers: { cookie: `next-auth.session-token=${token}` } });
    expectError(cookie, "UNAUTHENTICATED");
    expect(cookie.status).toBe(401);
  });

  it("of a user that no longer exists, or with a subject that is not a user id: refused", async () => {
    const gone = await seedUser(api.db);
    await api.db.user.delete({ where: { id: gone.id } });

    expectError(await api.graphql(ME, { token: await sessionToken(gone.id) }), "UNAUTHENTICATED");
    const odd = await api.graphql(ME, { token: await sessionToken("not-a-uuid") });
    expectError(odd, "UNAUTHENTICATED");
    expect(odd.status).toBe(401);
  });
});

describe("credentials that do not work", () => {
  it.each([
    ["a garbage bearer token", { authorization: "Bearer garbage" }],
    ["an unknown API token", { authorization: `Bearer kao_${"x".repeat(43)}` }],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("%s → UNAUTHENTICATED with HTTP 401", async (_name, headers) => {
    const response = await api.graphql(ME, { headers });
    expectError(response, "UNAUTHENTICATED");
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
  });

  it("a malformed cookie of another app leaves the request anonymous instead of failing it", async () => {
    const response = await api.graphql("{ __typename }", { headers: { cookie: "tracker=%E0%A4%A; theme=dark" } });
    expect(response.status).toBe(200);
    expect(expectData(response)).toEqual({ __typename: "Query" });
  });
});
