import { spawn } from "node:child_process";
import path from "node:path";

export type ToolResult = { exitCode: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs ffprobe (or ffmpeg for small jobs) to completion, collecting its output; kills it after `timeoutMs`. */
export function runTool(options: { command: string; args: readonly string[]; timeoutMs: number }): Promise<ToolResult> {
  const { command, args, timeoutMs } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, killSignal: "SIGKILL" });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.once("error", reject);
    child.once("close", (exitCode, signal) => {
      resolve({ exitCode, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}

/** The last `count` non-empty lines of a tool's stderr, for error messages. */
export function lastLines(text: string, count: number): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(-count)
    .join("\n");
}

/** An input argument that ffmpeg reads as a local file whatever the name looks like. */
export function ffmpegInput(filePath: string): string {
  return `file:${path.resolve(filePath)}`;
}
