import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDataset, seedUser } from "@kao/db/seed";
import { startWebServer, type WebServer } from "../e2e/support/web-server.ts";
import { TEST_SESSION_SECRET, startTestApi, type GraphQLResponse } from "../support/api.ts";
import { expectData, expectError } from "../integration/support/graphql.ts";
import { captureOutput, expectHealthy, sendRaw, startHostileEnv, type HostileEnv } from "./support/hostile.ts";
import { csrfToken, readSignIn, webSignIn } from "./support/hostile-web.ts";

// The API in this process and the built web app (apps/web/server.mjs) in front of it, as a browser sees them.
// Everything both print is kept, to check that no password, token or session cookie ever reaches a log.
let env: HostileEnv;
let web: WebServer;
let apiLog: ReturnType<typeof captureOutput>;
const secrets = new Set<string>();
beforeAll(async () => {
  apiLog = captureOutput();
  env = await startHostileEnv();
  // Trusting no proxy: the web app believes loopback peers' X-Forwarded-For by default (a reverse proxy on
  // the same host), and every client here is on loopback, so this stands for clients on other machines.
  web = await startWebServer({ apiOrigin: env.api.origin, secret: TEST_SESSION_SECRET, env: { KAO_WEB_TRUST_PROXY: "" } });
}, 180_000);
afterAll(async () => {
  apiLog?.stop();
  await web?.stop();
  await env?.close();
});

const EVIL = "http://evil.example";
const TOO_MANY = "Too many failed sign-in attempts. Wait 15 minutes and try again.";

async function signedInCookie() {
  const user = await seedUser(env.api.db, { role: "ADMIN" });
  secrets.add(user.password);
  const result = await webSignIn(web.url, user.email, user.password);
  expect(result.error).toBeNull();
  if (!result.sessionCookie) throw new Error("no session cookie after a successful sign-in");
  secrets.add(result.sessionCookie.slice(result.sessionCookie.indexOf("=") + 1));
  return { user, cookie: result.sessionCookie };
}

describe("login brute force through the web sign-in", () => {
  it("locks an email after 10 wrong passwords, even for the right one, while other accounts sign in; the lock ends with the window", async () => {
    const victim = await seedUser(env.api.db);
    const bystander = await seedUser(env.api.db);
    secrets.add(victim.password).add(bystander.password);
    for (let i = 0; i < 10; i++) {
      const guess = `guess-${randomUUID()}`;
      secrets.add(guess);
      expect((await webSignIn(web.url, victim.email, guess)).error).toBe("Wrong email or password.");
    }
    const limited = await webSignIn(web.url, victim.email, victim.password);
    expect(limited).toEqual({ error: TOO_MANY, sessionCookie: null, sessionSetCookie: null });
    expect(await env.api.db.loginAttempt.count({ where: { email: victim.email } })).toBe(10);
    expect((await env.api.db.user.findUniqueOrThrow({ where: { id: victim.id } })).lastLoginAt).toBeNull();

    const other = await webSignIn(web.url, bystander.email, bystander.password);
    expect(other.error).toBeNull();
    expect(other.sessionCookie).toMatch(/^next-auth\.session-token=./);

    // Fifteen minutes later (the attempts moved back in time rather than waiting): the right password works.
    await env.api.db.loginAttempt.updateMany({ where: { email: victim.email }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    const later = await webSignIn(web.url, victim.email, victim.password);
    expect(later.error).toBeNull();
    expect(later.sessionCookie).toMatch(/^next-auth\.session-token=./);
    await expectHealthy(env.api, env.admin.token);
  });

  it("a client cannot choose its address with X-Forwarded-For: attempts count against the peer, and its limit holds", async () => {
    const spoofed = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const user = await seedUser(env.api.db);
    secrets.add(user.password);
    expect((await webSignIn(web.url, user.email, `guess-${randomUUID()}`, { "x-forwarded-for": spoofed() })).error).toBe("Wrong email or password.");
    const [attempt] = await env.api.db.loginAttempt.findMany({ where: { email: user.email } });
    expect(attempt?.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);

    // The per-address limit (50 failures in 15 minutes) fills up from this one peer however the
    // header varies, and then refuses even another account's right password from it.
    const peer = attempt?.ip ?? "";
    const earlier = await env.api.db.loginAttempt.count({ where: { ip: peer, success: false, createdAt: { gte: new Date(Date.now() - 15 * 60_000) } } });
    await env.api.db.loginAttempt.createMany({ data: Array.from({ length: Math.max(0, 49 - earlier) }, () => ({ email: `x-${randomUUID()}@kao.test`, ip: peer, success: false })) });
    const other = await seedUser(env.api.db);
    secrets.add(other.password);
    expect((await webSignIn(web.url, `nobody-${randomUUID()}@kao.test`, "guess", { "x-forwarded-for": spoofed() })).error).toBe("Wrong email or password.");
    expect((await webSignIn(web.url, other.email, other.password, { "x-forwarded-for": spoofed() })).error).toBe(TOO_MANY);
    // Clear this peer's window again for the tests after this one (they sign in from loopback too).
    await env.api.db.loginAttempt.deleteMany({ where: { ip: peer } });
  });

  it("the API answers a limited sign-in with RATE_LIMITED and when to retry", async () => {
    const user = await seedUser(env.api.db);
    await env.api.db.loginAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ email: user.email, ip: "10.9.9.9", success: false })) });
    const response = await env.api.graphql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }`, { variables: { e: user.email, p: user.password } });
    expectError(response, "RATE_LIMITED");
    expect(response.errors?.[0]).toMatchObject({ message: TOO_MANY, extensions: { code: "RATE_LIMITED", retryAfterSeconds: 900 } });
  });
});

describe("API tokens through the web app (the API listens on loopback; scripts use kao's public URL)", () => {
  const postGraphql = (headers: Record<string, string>) =>
    fetch(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ me { email } }" }) });

  it("a Bearer token works for GraphQL, frame images and exports; a bad one is 401; a foreign Origin is still refused", async () => {
    const me = await postGraphql({ authorization: `Bearer ${env.admin.token}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ data: { me: { email: env.admin.email } } });

    const bad = await postGraphql({ authorization: "Bearer kao_not-a-token" });
    expect(bad.status).toBe(401);
    expectError((await bad.json()) as GraphQLResponse<unknown>, "UNAUTHENTICATED");
    expect((await postGraphql({ authorization: `Bearer ${env.admin.token}`, origin: EVIL })).status).toBe(403);

    // Past authentication, an unknown frame and an unknown export are 404 (401 without the token).
    const frame = `${web.url}/frames/${randomUUID()}/thumb`;
    expect((await fetch(frame, { headers: { authorization: `Bearer ${env.admin.token}` }, redirect: "manual" })).status).toBe(404);
    expect((await fetch(frame, { redirect: "manual" })).status).toBe(401);
    const exported = `${web.url}/exports/${randomUUID()}.csv`;
    expect((await fetch(exported, { headers: { authorization: `Bearer ${env.admin.token}` }, redirect: "manual" })).status).toBe(404);
    expect((await fetch(exported, { redirect: "manual" })).status).toBe(401);
  });
});

describe("CSRF: cookie-authenticated state changes from another site", () => {
  it("the session cookie is HttpOnly and SameSite=Lax", async () => {
    const user = await seedUser(env.api.db);
    secrets.add(user.password);
    const result = await webSignIn(web.url, user.email, user.password);
    expect(result.sessionSetCookie).toMatch(/;\s*HttpOnly/i);
    expect(result.sessionSetCookie).toMatch(/;\s*SameSite=Lax/i);
  });

  it("a GraphQL mutation through the web app with a foreign Origin is refused (403 FORBIDDEN) and changes nothing", async () => {
    const { cookie } = await signedInCookie();
    const name = `csrf-${randomUUID()}`;
    const body = JSON.stringify({ query: `mutation { createDataset(input: { name: "${name}" }) { __typename } }` });
    for (const origin of [EVIL, "null", `http://127.0.0.1.evil.example`]) {
      const response = await sendRaw(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie, origin }, body });
      expect(response.status, origin).toBe(403);
      expect(response.errors?.[0]).toEqual({ message: "Cross-site requests are refused: send this from kao's own pages.", extensions: { code: "FORBIDDEN" } });
    }
    expect(await env.api.db.dataset.count({ where: { name } })).toBe(0);
    // From the app's own pages, the same request goes through: the refusal above is about the Origin.
    const own = await sendRaw(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: web.url }, body });
    expect(own.status).toBe(200);
    expect(await env.api.db.dataset.count({ where: { name } })).toBe(1);
  });

  it("an upload through the web app with a foreign Origin is refused, even with the upload header, and stores nothing", async () => {
    const { user, cookie } = await signedInCookie();
    const dataset = await seedDataset(env.api.db, { members: [{ id: user.id }] });
    const form = new FormData();
    form.append("file", new Blob([Buffer.from("not really a png")]), "a.png");
    for (const path of [`/uploads?datasetId=${dataset.id}`, `/predict?datasetId=${dataset.id}`]) {
      const response = await sendRaw(`${web.url}${path}`, { method: "POST", headers: { cookie, origin: EVIL, "x-kao-upload": "1" }, body: form });
      expect(response.status, path).toBe(403);
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await env.api.db.upload.count({ where: { datasetId: dataset.id } })).toBe(0);
  });

  it("next-auth's sign-in refuses a post without its CSRF token: no session, and the API is never asked", async () => {
    const user = await seedUser(env.api.db);
    secrets.add(user.password);
    const response = await fetch(`${web.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: EVIL },
      body: new URLSearchParams({ email: user.email, password: user.password, callbackUrl: `${web.url}/datasets` }),
    });
    const result = await readSignIn(web.url, response);
    expect(result.sessionCookie).toBeNull();
    expect(response.headers.get("location")).toMatch(/csrf=true/);
    expect(await env.api.db.loginAttempt.count({ where: { email: user.email } })).toBe(0);
  });

  it("a GraphQL request body over 1 MB is refused by the web app with 413, and the web app still answers", async () => {
    const { cookie } = await signedInCookie();
    const body = JSON.stringify({ query: "{ me { id } }", variables: { padding: "x".repeat(30 * 1024 * 1024) } });
    const response = await sendRaw(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: web.url }, body });
    expect(response.status).toBe(413);
    expect(response.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    const me = await sendRaw(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: web.url }, body: JSON.stringify({ query: "{ me { id } }" }) });
    expect(me.status).toBe(200);
    expect(me.errors).toBeUndefined();
  });
});

describe("path traversal through the web app's file proxies", () => {
  it.each(["/frames/..%2f..%2f..%2fetc%2fpasswd/image", "/frames/%2e%2e%2f%2e%2e%2fetc%2fpasswd/thumb", "/frames/x/..%2f..%2fpasswd", "/exports/..%2f..%2f..%2fetc%2fpasswd", "/exports/%2fetc%2fpasswd.csv"])(
    "%s → a JSON 4xx with a code, never a file",
    async (probe) => {
      const { cookie } = await signedInCookie();
      const response = await sendRaw(`${web.url}${probe}`, { headers: { cookie }, redirect: "manual" });
      expect([400, 404]).toContain(response.status);
      expect(response.text).not.toMatch(/root:/);
      expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(response.errors?.[0]?.extensions?.code);
    },
  );
});

describe("secrets never logged", () => {
  it("API tokens made through the web app, passwords of failed and good sign-ins, and session cookies appear in no log", async () => {
    const { cookie } = await signedInCookie();
    const created = await sendRaw(`${web.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: web.url },
      body: JSON.stringify({ query: 'mutation { createApiToken(name: "logged?") { __typename ... on CreateApiTokenSuccess { data { token } } } }' }),
    });
    const token = (created.data as { createApiToken?: { data?: { token?: string } } } | null)?.createApiToken?.data?.token;
    expect(token).toMatch(/^kao_/);
    secrets.add(token ?? "");
    const csrf = await csrfToken(web.url);
    secrets.add(csrf.token);
    // A tampered session cookie makes the web app's middleware log a warning: proof that its log is read here.
    const forged = `forged-${randomUUID()}`;
    secrets.add(forged);
    await fetch(`${web.url}/datasets`, { headers: { cookie: `next-auth.session-token=${forged}` }, redirect: "manual" });

    const webLog = web.output();
    expect(webLog).toContain("ignoring an unreadable session cookie");
    expect(secrets.size).toBeGreaterThan(15);
    for (const secret of secrets) {
      expect(webLog.includes(secret), `web log contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
      expect(apiLog.text().includes(secret), `API log contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
    }
  });

  it("an API whose database fails logs the failure with its stack, but not the password of the sign-in that hit it", async () => {
    const url = new URL(inject("adminDatabaseUrl"));
    url.pathname = `/kao_missing_${randomUUID().slice(0, 8)}`;
    const broken = await startTestApi({ connectionString: url.toString() });
    const log = captureOutput();
    const password = `secret-${randomUUID()}`;
    try {
      const response = await broken.graphql(`mutation($p: String!) { signIn(email: "someone@kao.test", password: $p) { id } }`, { variables: { p: password } });
      expectError(response, "INTERNAL_SERVER_ERROR");
      const created = await broken.graphql(`mutation($p: String!) { createUser(input: { email: "x@kao.test", name: "x", role: ADMIN, password: $p }) { __typename } }`, {
        variables: { p: password },
        token: env.admin.token,
      });
      expect(created.status).toBeGreaterThanOrEqual(400);
    } finally {
      log.stop();
      await broken.close();
    }
    expect(log.text()).toContain("does not exist");
    expect(log.text()).not.toContain(password);
  });

  it("leaves both servers up", async () => {
    await expectHealthy(env.api, env.admin.token);
    expect((await fetch(`${web.url}/signin`)).status).toBe(200);
    expectData(await env.api.graphql("{ me { id } }", { token: env.admin.token }));
  });
});
