import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs kao's processes side by side with prefixed output. If one exits on its own, the others are
 * stopped too (a half-running platform is worse than a clear failure); stop() ends them all.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly onUnexpectedExit: (name: string, code: number | null) => void;

  constructor(options: { onUnexpectedExit: (name: string, code: number | null) => void }) {
    this.onUnexpectedExit = options.onUnexpectedExit;
  }

  start(spec: ServiceSpec) {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
    this.children.set(spec.name, child);
    const prefix = `[${spec.name}]`.padEnd(9);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on("line", (line) => console.log(`${prefix}${line}`));
    }
    child.on("exit", (code) => {
      this.children.delete(spec.name);
      if (!this.stopping) this.onUnexpectedExit(spec.name, code);
    });
    return child;
  }

  isRunning(name: string) {
    return this.children.has(name);
  }

  /** SIGTERM to every child, SIGKILL to those still running after the grace period. */
  async stop(graceMs = 15_000) {
    this.stopping = true;
    const running = [...this.children.entries()];
    await Promise.all(
      running.map(
        ([name, child]) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => {
              console.error(`[${name}] did not stop within ${Math.round(graceMs / 1000)} s; killing it`);
              child.kill("SIGKILL");
            }, graceMs);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}
