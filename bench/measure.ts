// Small helpers for the benchmark: timing, CPU accounting, running ffmpeg, formatting.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export type Cpu = { node: number; tools: number; other: number; total: number };
export type Measured<T> = { value: T; seconds: number; cpu: Cpu | null; cpuSeconds: number | null };

/**
 * Runs `work` and returns how long it took, in wall time and in CPU time of this process and all its
 * descendants (ffmpeg, an embedded Postgres). The machine may be shared: wall time then suffers from
 * other people's work, CPU time much less, so both are reported.
 */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const cpuBefore = treeCpu();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = treeCpu();
  if (cpuBefore === null || cpuAfter === null) return { value, seconds, cpu: null, cpuSeconds: null };
  const cpu = {
    node: cpuAfter.node - cpuBefore.node,
    tools: cpuAfter.tools - cpuBefore.tools,
    other: cpuAfter.other - cpuBefore.other,
    total: cpuAfter.total - cpuBefore.total,
  };
  return { value, seconds, cpu, cpuSeconds: cpu.total };
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux that Node supports

/**
 * CPU seconds (user + system) used so far by this process (`node`: JavaScript, libvips and libuv
 * threads), by its exited children (`tools`: ffmpeg and ffprobe, reaped by Node) and by its live
 * descendants with their own exited children (`other`: an embedded Postgres and its backends).
 * Linux only (null elsewhere).
 */
export function treeCpu(): Cpu | null {
  if (process.platform !== "linux") return null;
  try {
    const stats = new Map<number, { parent: number; own: number; reaped: number }>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let text: string;
      try {
        text = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      // Fields after the command name (which may hold spaces and parentheses): state ppid … utime(14) stime cutime cstime.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ").map(Number);
      stats.set(Number(entry), { parent: fields[1] ?? 0, own: (fields[11] ?? 0) + (fields[12] ?? 0), reaped: (fields[13] ?? 0) + (fields[14] ?? 0) });
    }
    const self = stats.get(process.pid);
    if (self === undefined) return null;
    let other = 0;
    for (const [pid, stat] of stats) {
      if (pid === process.pid) continue;
      // Is `pid` a descendant of this process?
      for (let at: number | undefined = stat.parent, hops = 0; at !== undefined && at > 1 && hops < 64; at = stats.get(at)?.parent, hops++) {
        if (at === process.pid) {
          other += stat.own + stat.reaped;
          break;
        }
      }
    }
    const cpu = { node: self.own / CLOCK_TICKS, tools: self.reaped / CLOCK_TICKS, other: other / CLOCK_TICKS };
    return { ...cpu, total: cpu.node + cpu.tools + cpu.other };
  } catch {
    return null;
  }
}

const running = new Set<ChildProcess>();

/** Kills the tools this script started that are still running (Ctrl-C, an error). */
export function killRunningTools(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Runs a tool to completion; rejects with the end of its stderr when it fails. */
export function runTool(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    running.add(child);
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });
    child.once("error", (error) => {
      running.delete(child);
      reject(error);
    });
    child.once("close", (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${code ?? signal}):\n${stderr.trim().split("\n").slice(-5).join("\n")}`));
    });
  });
}

/** A fixed-width text table; numbers are formatted by the caller. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

export const fixed = (value: number | null, digits = 1): string => (value === null || !Number.isFinite(value) ? "n/a" : value.toFixed(digits));

/**
 * A benchmark's clean-up, run at most once: at the end, or on Ctrl-C / SIGTERM (then the process
 * exits 130 / 143 when it is done), so an interrupted run leaves no Postgres or temporary folder behind.
 */
export function cleanUpOnce(steps: () => Promise<void>): () => Promise<void> {
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => (cleaning ??= steps());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up…`);
      void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
  return cleanUp;
}
