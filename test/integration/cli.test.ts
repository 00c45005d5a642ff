import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { locateNsfwjsModel } from "@kao/ml";
import { startTestApi, type TestApi } from "../support/api.ts";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `kao <args>` as `npm run kao --` does, against the test database. */
async function kao(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), KAO_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let api: TestApi;
let dataDir: string;
beforeAll(async () => {
  api = await startTestApi();
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-cli-"));
});
afterAll(async () => {
  await api.close();
  await rm(dataDir, { recursive: true, force: true });
});

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

describe("backbone import from a Keras layers model", () => {
  // nsfwjs ships MobileNetV2 as a Keras layers model: the same format a team would bring.
  let folder: string;
  beforeAll(async () => {
    folder = (await locateNsfwjsModel("mobilenet_v2")).folder;
  });
  const name = `keras-${randomUUID().slice(0, 8)}`;

  it("converts it to ONNX, registers the chosen tap, and lists it", async () => {
    const imported = await kao("backbone", "import-keras", folder, "--name", name, "--tap", "block_13_expand_relu", "--scale", "1/255");
    expect(imported.stderr).not.toMatch(/error/);
    expect(imported.code).toBe(0);
    const row = await api.db.backbone.findUniqueOrThrow({ where: { name } });
    expect(row).toMatchObject({ inputWidth: 224, inputHeight: 224, dims: 576, scale: 1 / 255, mean: [0, 0, 0], channelOrder: "RGB", pooling: "MAX" });
    expect(existsSync(path.join(dataDir, row.modelPath))).toBe(true);
    const listed = await kao("backbone", "list");
    expect(listed.stdout).toContain(`${name}\t224×224\ttap ${row.tapLayer} (576, MAX)`);
  }, 120_000);

  it("names the problem: an unknown layer, a taken name, a folder without a model", async () => {
    const unknown = await kao("backbone", "import-keras", folder, "--name", `${name}-x`, "--tap", "mixed99");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/tap "mixed99" is not a layer of/);
    const taken = await kao("backbone", "import-keras", folder, "--name", name, "--tap", "out_relu");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const empty = await kao("backbone", "import-keras", dataDir, "--name", `${name}-y`, "--tap", "out_relu");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/error: .*model\.json/);
    expect(await api.db.backbone.count({ where: { name: { startsWith: `${name}-` } } })).toBe(0);
  }, 120_000);
});
