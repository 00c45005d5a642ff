import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `kao <args>` as `npm run kao --` does, against the test database. */
async function kao(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe("operations CLI", () => {
  const email = `cli-${randomUUID().slice(0, 8)}@kao.test`;

  it("creates a user with a generated password that signs in", async () => {
    const created = await kao("user", "create", "--email", email, "--role", "reviewer");
    expect(created.code).toBe(0);
    const password = created.stdout.match(/password: (\S+)/)?.[1];
    expect(password).toBeTruthy();
    const signIn = await api.graphql<{ signIn: { email: string; role: string } }>(
      "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { email role } }",
      { variables: { e: email, p: password } },
    );
    expect(signIn.data?.signIn).toEqual({ email, role: "REVIEWER" });
  });

  it("refuses a duplicate email and a bad role with a clear message and exit code 1", async () => {
    const duplicate = await kao("user", "create", "--email", email, "--role", "LABELER");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const badRole = await kao("user", "create", "--email", `x-${email}`, "--role", "OWNER");
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role/);
    expect(await api.db.user.count({ where: { email: `x-${email}` } })).toBe(0);
  });

  it("prints an API token once that answers { me }", async () => {
    const created = await kao("token", "create", "--email", email, "--name", "ci");
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^kao_/);
    const me = await api.graphql<{ me: { email: string } }>("{ me { email } }", { token });
    expect(me.data?.me.email).toBe(email);
    const unknown = await kao("token", "create", "--email", "nobody@kao.test", "--name", "x");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no user with email/);
  });

  it("resets a password to a chosen one", async () => {
    const reset = await kao("user", "reset-password", "--email", email, "--password", "a-new-password-42");
    expect(reset.code).toBe(0);
    const signIn = await api.graphql("mutation { signIn(email: \"" + email + "\", password: \"a-new-password-42\") { id } }");
    expect(signIn.errors).toBeUndefined();
  });

  it("migrates an up-to-date database without changing it", async () => {
    const migrated = await kao("migrate");
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/0 applied, \d+ already applied/);
  });
});
