import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export interface AppProcess {
  child: ChildProcess;
  /** stdout and stderr so far, for assertions and failure messages. */
  output(): string;
  /** True while the process has neither exited nor been killed. */
  running(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGKILL by default) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * One of kao's apps as `npm start` runs it: its own OS process (`node --import tsx <entry>`), so a
 * SIGKILL is a real crash, with nothing in this test process to clean up after it. Resolves once the
 * process logged `ready` (a substring of its log), and fails with its output if it exits first.
 */
export async function startAppProcess(options: { entry: string; env: Record<string, string>; ready: string; timeoutMs?: number }): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", options.entry], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout?.setEncoding("utf8").on("data", (text: string) => chunks.push(text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => chunks.push(text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  const app: AppProcess = {
    child,
    output: () => chunks.join(""),
    running,
    exited,
    async kill(signal = "SIGKILL") {
      if (running()) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!app.output().includes(options.ready) && running()) {
    if (Date.now() > deadline) {
      await app.kill();
      throw new Error(`${options.entry} did not log ${options.ready} in time; its output:\n${app.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!running()) throw new Error(`${options.entry} exited (${JSON.stringify(await exited)}) before it was ready:\n${app.output()}`);
  return app;
}

/** The real worker (apps/worker/src/main.ts) on `databaseUrl`, with a short heartbeat so a killed worker's job is taken over in seconds. */
export function startWorkerProcess(options: { databaseUrl: string; dataDir: string; staleSeconds?: number; env?: Record<string, string> }) {
  return startAppProcess({
    entry: "apps/worker/src/main.ts",
    ready: '"worker ready"',
    env: {
      DATABASE_URL: options.databaseUrl,
      KAO_DATA_DIR: options.dataDir,
      KAO_JOB_STALE_SECONDS: String(options.staleSeconds ?? 2),
      KAO_WORKER_POOL_SIZE: "3",
      KAO_ML_THREADS: "1",
      ...options.env,
    },
  });
}

/** The real API (apps/api/src/main.ts) on `databaseUrl` and a given port. */
export async function startApiProcess(options: { databaseUrl: string; dataDir: string; port: number; sessionSecret: string; env?: Record<string, string> }) {
  const api = await startAppProcess({
    entry: "apps/api/src/main.ts",
    ready: '"GraphQL API listening"',
    env: {
      DATABASE_URL: options.databaseUrl,
      KAO_DATA_DIR: options.dataDir,
      KAO_API_PORT: String(options.port),
      KAO_API_HOST: "127.0.0.1",
      NEXTAUTH_SECRET: options.sessionSecret,
      ...options.env,
    },
  });
  return { ...api, origin: `http://127.0.0.1:${options.port}` };
}
