import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../support/free-port.ts";

const webDir = fileURLToPath(new URL("../../../apps/web/", import.meta.url));

export interface WebServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The built web app under its production server (apps/web/server.mjs), talking to the given API. It runs in its own process group
 * so stop() ends it and anything it spawned. Build first: `npm run build -- --filter=@kao/web`.
 */
export async function startWebServer(options: { apiOrigin: string; secret: string; env?: Record<string, string> }): Promise<WebServer> {
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    throw new Error("apps/web is not built; run `npm run test:e2e` from the repo root, or `npx turbo run build --filter=@kao/web` first.");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: webDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: options.secret,
      NEXTAUTH_URL: url,
      KAO_API_URL: options.apiOrigin,
      ...options.env,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const server: WebServer = { url, output: () => output, stop: () => stopGroup(child, exited) };
  try {
    await waitUntilAnswering(`${url}/signin`, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the web server did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const pid = child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch (error) {
      // ESRCH: the group is already gone, which is what we want.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
  signal("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5000))]);
  if (timedOut) {
    signal("SIGKILL");
    await exited;
  }
}
