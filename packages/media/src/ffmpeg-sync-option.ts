import { MediaError } from "./media-error.ts";
import { runTool } from "./run-tool.ts";

const cache = new Map<string, Promise<readonly string[]>>(); // ffmpeg binary → arguments

/**
 * The output option that passes frames through without duplicating or dropping any.
 *
 * The sampler pairs each raw frame on stdout with one `showinfo` line on stderr, so frames must leave
 * the filter graph one-to-one. ffmpeg 5.1 renamed `-vsync` to `-fps_mode` (and later ones drop the old
 * name), while the npm static build is 4.1, which only knows `-vsync`. Version strings of git builds
 * ("N-47683-g0e8eb07980") say nothing, so the choice goes by the libavcodec version (5.1 = 59.37).
 */
export function passthroughSyncArgs(ffmpeg: string): Promise<readonly string[]> {
  let args = cache.get(ffmpeg);
  if (args === undefined) {
    args = detect(ffmpeg);
    cache.set(ffmpeg, args);
    args.catch(() => cache.delete(ffmpeg));
  }
  return args;
}

async function detect(ffmpeg: string): Promise<readonly string[]> {
  let stdout: string;
  try {
    ({ stdout } = await runTool({ command: ffmpeg, args: ["-hide_banner", "-version"], timeoutMs: 15_000 }));
  } catch (error) {
    throw new MediaError("FFMPEG_FAILED", `cannot run ffmpeg at ${ffmpeg}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const match = /libavcodec\s+(\d+)\.\s*(\d+)\./.exec(stdout);
  const major = Number(match?.[1] ?? 0);
  const minor = Number(match?.[2] ?? 0);
  const hasFpsMode = major > 59 || (major === 59 && minor >= 37);
  return hasFpsMode ? ["-fps_mode", "passthrough"] : ["-vsync", "passthrough"];
}
