// Media made on the fly for the tests: ffmpeg's lavfi sources and sharp. Nothing from the network.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { resolveFfmpeg } from "./resolve-ffmpeg.ts";

const execFileAsync = promisify(execFile);

export const tools = resolveFfmpeg();

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "kao-media-test-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the resolved ffmpeg with `args` (inputs, filters, codec) and writes `output`; returns its path. */
export async function ffmpegMake(options: { args: readonly string[]; output: string }): Promise<string> {
  await execFileAsync(tools.ffmpeg, ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", ...options.args, options.output]);
  return options.output;
}

/** `seconds` of lavfi testsrc (a moving pattern with a counter) encoded with `codec`. */
export function makeTestsrc(options: { output: string; seconds: number; width?: number; height?: number; rate?: number; codec?: readonly string[] }): Promise<string> {
  const { output, seconds, width = 320, height = 240, rate = 25 } = options;
  const codec = options.codec ?? ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
  return ffmpegMake({ args: ["-f", "lavfi", "-i", `testsrc=duration=${seconds}:size=${width}x${height}:rate=${rate}`, ...codec], output });
}

/** Processes whose command line mentions `needle` (Linux /proc), to check that ffmpeg is gone. */
export async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}
