import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const admin = { email: "first-admin@kao.test", password: "first-admin-password" };

interface Running {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `kao start` as `npm start` runs it after building, in its own process group like a terminal job. */
function startKao(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "start"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: "", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 180_000, running?: Running) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${running?.output() ?? ""}`);
    if (running && running.process.exitCode !== null) throw new Error(`kao exited while waiting for ${what}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const graphql = async (apiPort: number, query: string, token?: string) => {
  const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
};

const isListening = async (port: number) =>
  fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );

/** Processes whose command line mentions the data folder (Postgres, started by kao). */
const processesUsing = (dir: string) => {
  try {
    return execFileSync("pgrep", ["-f", dir], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
};

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe("npm start", () => {
  it("brings up API and web on an embedded Postgres, stops cleanly on Ctrl-C, and keeps the data", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "kao-start-"));
    await chmod(dataDir, 0o755);
    const [webPort, apiPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      KAO_DATA_DIR: dataDir,
      KAO_WEB_PORT: String(webPort),
      KAO_API_PORT: String(apiPort),
      KAO_PG_PORT: String(pgPort),
      KAO_ADMIN_EMAIL: admin.email,
      KAO_ADMIN_PASSWORD: admin.password,
    };

    const first = startKao(env);
    cleanup.push(async () => {
      if (first.process.exitCode === null && first.process.pid) process.kill(-first.process.pid, "SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    });
    await waitFor(() => first.output().includes("kao is running at"), "the first start", 180_000, first);
    expect(first.output()).toContain(`first admin: ${admin.email}`);
    expect(first.output()).toContain(`http://localhost:${webPort}`);

    // The CLI reuses the running embedded Postgres.
    const token = execFileSync(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "token", "create", "--email", admin.email, "--name", "start-test"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: "", ...env },
      encoding: "utf8",
    }).trim();
    const me = await graphql(apiPort, "{ me { email role } }", token);
    expect(me.data).toEqual({ me: { email: admin.email, role: "ADMIN" } });
    const signInPage = await fetch(`http://127.0.0.1:${webPort}/signin`);
    expect(signInPage.status).toBe(200);

    // Ctrl-C signals the whole process group at once (Postgres included).
    process.kill(-(first.process.pid ?? 0), "SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("stopped.");
    expect(await isListening(apiPort)).toBe(false);
    expect(await isListening(webPort)).toBe(false);
    expect(processesUsing(dataDir)).toBe("");
    expect(existsSync(path.join(dataDir, "postgres", "cluster", "postmaster.pid"))).toBe(false);

    const second = startKao(env);
    cleanup.push(async () => {
      if (second.process.exitCode === null && second.process.pid) process.kill(-second.process.pid, "SIGKILL");
    });
    await waitFor(() => second.output().includes("kao is running at"), "the second start", 180_000, second);
    expect(second.output()).not.toContain("first admin:");
    const again = await graphql(apiPort, "{ me { email role } }", token);
    expect(again.data).toEqual({ me: { email: admin.email, role: "ADMIN" } });

    // A service manager's SIGTERM to kao alone also stops everything it started.
    second.process.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(processesUsing(dataDir)).toBe("");
  }, 400_000);
});
