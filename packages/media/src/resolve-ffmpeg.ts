import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { MediaError } from "./media-error.ts";

export type FfmpegPaths = { ffmpeg: string; ffprobe: string };

const require = createRequire(import.meta.url);
const executableSuffix = process.platform === "win32" ? ".exe" : "";

/**
 * Where the ffmpeg and ffprobe binaries are.
 *
 * By default, the static builds shipped inside the npm packages `@ffmpeg-installer/ffmpeg` and
 * `@ffprobe-installer/ffprobe` (the binary lies in the platform package, nothing is downloaded).
 * `override` is a path to another ffmpeg (the worker passes KAO_FFMPEG); ffprobe is then taken from
 * the same folder when there is one, else from npm. Both binaries are run once with `-version`, so a
 * wrong path fails here, at start-up, rather than on the first import.
 */
export function resolveFfmpeg(override?: string): FfmpegPaths {
  if (override !== undefined && override !== "") {
    const ffmpeg = path.resolve(override);
    checkRuns({ binary: ffmpeg, name: "ffmpeg", origin: `the override (KAO_FFMPEG=${override})` });
    const beside = path.join(path.dirname(ffmpeg), `ffprobe${executableSuffix}`);
    if (existsSync(beside)) {
      checkRuns({ binary: beside, name: "ffprobe", origin: `beside the ffmpeg override ${ffmpeg}` });
      return { ffmpeg, ffprobe: beside };
    }
    return { ffmpeg, ffprobe: npmBinary("ffprobe") };
  }
  return { ffmpeg: npmBinary("ffmpeg"), ffprobe: npmBinary("ffprobe") };
}

const checked = new Map<string, string>(); // binary → package, for the npm binaries

function npmBinary(name: "ffmpeg" | "ffprobe"): string {
  const packageName = name === "ffmpeg" ? "@ffmpeg-installer/ffmpeg" : "@ffprobe-installer/ffprobe";
  const cached = checked.get(packageName);
  if (cached !== undefined) return cached;
  let binary: unknown;
  try {
    // Both packages are CommonJS and throw (a string, for ffmpeg) when their platform package is missing.
    binary = (require(packageName) as { path?: unknown }).path;
  } catch (error) {
    throw new MediaError(
      "FFMPEG_FAILED",
      `${name} not found: ${packageName} has no binary for ${process.platform}-${process.arch} (${String(error instanceof Error ? error.message : error)}). Set KAO_FFMPEG to an ffmpeg binary.`,
      { cause: error },
    );
  }
  if (typeof binary !== "string") {
    throw new MediaError("FFMPEG_FAILED", `${name} not found: ${packageName} did not report a binary path`);
  }
  checkRuns({ binary, name, origin: packageName });
  checked.set(packageName, binary);
  return binary;
}

function checkRuns(options: { binary: string; name: string; origin: string }): void {
  const { binary, name, origin } = options;
  if (!existsSync(binary)) {
    throw new MediaError("FFMPEG_FAILED", `${name} not found at ${binary} (from ${origin})`);
  }
  const result = spawnSync(binary, ["-hide_banner", "-version"], { encoding: "utf8", timeout: 15_000 });
  if (result.error !== undefined) {
    const reason = "code" in result.error && result.error.code === "EACCES" ? "is not executable" : `cannot be run (${result.error.message})`;
    throw new MediaError("FFMPEG_FAILED", `${name} at ${binary} ${reason} (from ${origin})`, { cause: result.error });
  }
  if (result.status !== 0 || !result.stdout.startsWith(`${name} version`)) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(0, 3).join(" | ");
    throw new MediaError("FFMPEG_FAILED", `${binary} (from ${origin}) is not a working ${name}: exit ${result.status ?? result.signal}; ${output}`);
  }
}
