import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { passthroughSyncArgs } from "./ffmpeg-sync-option.ts";
import { MediaError } from "./media-error.ts";
import { ffmpegInput } from "./run-tool.ts";

export type VideoSample = {
  timestampMs: number; // media time at which this picture is on screen, from the start of the file
  rgb: Buffer; // height × width × 3 (RGB), row-major
  /**
   * Hands `rgb` back once the caller has finished reading it, so that a later frame is decoded into it
   * rather than into a fresh buffer (2.7 MB at 720p; fresh ones make V8 run a full garbage collection
   * every few frames). Calling it is optional; after it, `rgb` must not be used.
   */
  release: () => void;
};

export type SampleVideoOptions = {
  path: string;
  ffmpeg: string;
  fps: number; // samples per second of media time, e.g. 1
  width: number; // output size; frames are scaled to exactly width × height (pass probeVideo's size)
  height: number;
  startMs?: number; // resume: samples start at the first grid point (multiple of 1/fps) ≥ startMs
  signal?: AbortSignal; // aborting kills ffmpeg; the iterator then throws signal.reason
  threads?: number; // decoder threads; default min(4, cores)
  readAhead?: number; // frames ffmpeg may decode ahead of the consumer; default 2
};

const STDERR_TAIL_LINES = 8;
const SEEK_MARGIN_SECONDS = 1;
const DEFAULT_READ_AHEAD_FRAMES = 2;
const SPARE_FRAMES = 4; // released buffers kept for reuse: enough for a consumer working on a few frames at once

/**
 * Decodes a video with ffmpeg and yields one RGB picture per 1/fps seconds of media time.
 *
 * Sampling is by time, not by frame count (`fps` filter), so variable-frame-rate files give one sample
 * per second all the same. Samples lie on the grid 0, 1/fps, 2/fps… of media time (from the start of
 * the file), also when resuming: `startMs` seeks (`-ss` before `-i`, fast), `setpts` puts the seeked
 * stream back on the file's clock, and sampling starts at the first grid point ≥ startMs, so a resumed
 * run yields exactly the samples the first run would have. With `round=up` the sample for time t is
 * the last frame whose timestamp is ≤ t, i.e. what a player shows at t (the default rounding picks a
 * frame up to half an interval later); `start_time` makes the first grid point get a frame even if the
 * stream (or the seek) starts a little after it, by repeating the first frame.
 *
 * Timestamps come from the `showinfo` filter at the end of the chain (its `pts` in its time base), not
 * from counting frames: counting assumes the first sample is at 0 and that nothing is dropped, while
 * showinfo reports what ffmpeg actually emitted. Frames are then passed through one-to-one
 * (`-vsync`/`-fps_mode passthrough`), so the n-th raw frame on stdout pairs with the n-th line.
 *
 * Memory stays at a few frames: stdout is buffered up to `readAhead` frames ahead of the consumer, so
 * ffmpeg keeps decoding while the consumer works on earlier frames (the two overlap instead of taking
 * turns), and blocks on a full pipe beyond that (backpressure). ffmpeg is killed when the consumer
 * stops early (break/return), on abort and on error, and awaited before returning. A consumer that
 * neither finishes, breaks nor aborts leaves ffmpeg blocked on the pipe: iterate with `for await`,
 * which returns on break and on throw.
 */
export async function* sampleVideo(options: SampleVideoOptions): AsyncGenerator<VideoSample, void, undefined> {
  const { ffmpeg, fps, width, height, signal } = options;
  const startMs = options.startMs ?? 0;
  const threads = options.threads ?? Math.min(4, availableParallelism());
  const readAhead = options.readAhead ?? DEFAULT_READ_AHEAD_FRAMES;
  checkOptions({ fps, width, height, startMs, threads, readAhead });
  const fileName = path.basename(options.path);
  const frameBytes = width * height * 3;

  signal?.throwIfAborted();
  const syncArgs = await passthroughSyncArgs(ffmpeg);
  signal?.throwIfAborted();
  const input = ffmpegInput(options.path);
  const startSeconds = startMs / 1000;
  // Seek a little early: an exact seek drops the frame that is on screen at startMs if it began before.
  const seekSeconds = Math.max(0, startSeconds - SEEK_MARGIN_SECONDS).toFixed(6); // ffmpeg keeps µs
  // The first grid point ≥ startMs, nudged down so that float error cannot round it up one slot.
  const firstSampleSeconds = Math.ceil(startSeconds * fps - 1e-6) / fps;
  const filters = [
    ...(startMs > 0 ? [`setpts=PTS+${seekSeconds}/TB`] : []),
    `fps=fps=${fps}:start_time=${Math.max(0, firstSampleSeconds - 1e-6 / fps)}:round=up`,
    `scale=${width}:${height}:flags=bicubic`,
    "showinfo",
  ];
  const args = [
    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", // showinfo logs at info
    "-threads", String(threads),
    ...(startMs > 0 ? ["-ss", seekSeconds] : []), // before -i: seeks; output time restarts at 0
    "-i", input,
    "-map", "0:V:0", // the first real video stream (V skips cover art)
    "-an", "-sn", "-dn",
    "-vf", filters.join(","),
    ...syncArgs,
    "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
  ];

  const child = spawn(ffmpeg, args, { stdio: ["ignore", "pipe", "pipe"] });
  const closed = new Promise<{ exitCode: number | null; signalCode: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("close", (exitCode, signalCode) => resolve({ exitCode, signalCode }));
    child.once("error", reject);
  });
  closed.catch(() => undefined); // awaited below; this only keeps an early spawn error from being "unhandled"
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  signal?.addEventListener("abort", kill, { once: true });

  const log = new ShowinfoLog({ tailLines: STDERR_TAIL_LINES });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => log.push(text));
  child.stderr.once("end", () => log.end());

  const failure = (message: string, cause?: unknown): MediaError => {
    const detail = log.tail().split(input).join(fileName);
    return new MediaError("FFMPEG_FAILED", detail === "" ? message : `${message}:\n${detail}`, { fileName, cause });
  };

  // The pipe itself holds 64 KiB, a sliver of a frame: without this buffer ffmpeg would wait for the
  // consumer after every frame. The writable side stays small so that the bound is about readAhead frames.
  const output = new PassThrough({ readableHighWaterMark: readAhead * frameBytes, writableHighWaterMark: 64 * 1024 });
  child.stdout.pipe(output);

  try {
    const spare: Buffer[] = [];
    const nextBuffer = () => spare.pop() ?? Buffer.allocUnsafe(frameBytes);
    let frame = nextBuffer();
    let filled = 0;
    let index = 0;
    for await (const chunk of output as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const copied = chunk.copy(frame, filled, offset, Math.min(chunk.length, offset + frameBytes - filled));
        filled += copied;
        offset += copied;
        if (filled < frameBytes) continue;
        const timestampMs = await log.timestamp(index);
        signal?.throwIfAborted(); // no frame after an abort, even one already in the pipe
        if (timestampMs === null) throw failure(`ffmpeg emitted frame ${index} without a showinfo timestamp`);
        const rgb = frame;
        let released = false;
        const release = () => {
          if (!released && spare.length < SPARE_FRAMES) spare.push(rgb);
          released = true;
        };
        yield { timestampMs, rgb, release };
        index += 1;
        frame = nextBuffer();
        filled = 0;
      }
    }
    let exit: { exitCode: number | null; signalCode: NodeJS.Signals | null };
    try {
      exit = await closed;
    } catch (error) {
      throw new MediaError("FFMPEG_FAILED", `cannot run ffmpeg at ${ffmpeg}: ${error instanceof Error ? error.message : String(error)}`, { fileName, cause: error });
    }
    signal?.throwIfAborted();
    if (exit.exitCode !== 0) throw failure(`ffmpeg failed (${exit.exitCode === null ? `killed by ${exit.signalCode}` : `exit ${exit.exitCode}`})`);
    if (filled !== 0) throw failure(`ffmpeg output ended inside a frame (${filled} of ${frameBytes} bytes)`);
  } finally {
    signal?.removeEventListener("abort", kill);
    // Stopped early: nothing reads stdout any more, and a paused pipe would never report its end.
    output.destroy();
    child.stdout.destroy();
    kill();
    await closed.catch(() => undefined);
  }
}

function checkOptions(options: { fps: number; width: number; height: number; startMs: number; threads: number; readAhead: number }): void {
  const { fps, width, height, startMs, threads, readAhead } = options;
  if (!(fps > 0 && fps <= 240)) throw new RangeError(`fps must be in (0, 240], got ${fps}`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 100e6) {
    throw new RangeError(`frame size must be positive integers up to 100 Mpx, got ${width} × ${height}`);
  }
  if (!(startMs >= 0) || !Number.isFinite(startMs)) throw new RangeError(`startMs must be ≥ 0, got ${startMs}`);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (!Number.isInteger(readAhead) || readAhead < 1) throw new RangeError(`readAhead must be a positive integer, got ${readAhead}`);
}

/**
 * Parses ffmpeg's stderr as it arrives: showinfo's per-frame timestamps, and the other lines (kept
 * for error messages). Frames and their lines come through different pipes, so a frame may be read
 * before its line; `timestamp(n)` waits for line n or for the end of stderr.
 */
class ShowinfoLog {
  private readonly tailLines: number;
  private readonly timestamps: number[] = []; // ms from the start of the file, by output frame index
  private readonly other: string[] = [];
  private timeBase: { numerator: number; denominator: number } | null = null;
  private partial = "";
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(options: { tailLines: number }) {
    this.tailLines = options.tailLines;
  }

  push(text: string): void {
    const lines = (this.partial + text).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.parse(line);
    this.notify();
  }

  end(): void {
    if (this.partial !== "") this.parse(this.partial);
    this.partial = "";
    this.ended = true;
    this.notify();
  }

  async timestamp(index: number): Promise<number | null> {
    while (this.timestamps.length <= index && !this.ended) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.timestamps[index] ?? null;
  }

  tail(): string {
    return this.other.join("\n");
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private parse(line: string): void {
    if (line.trim() === "") return;
    const showinfo = /^\[Parsed_showinfo_\d+ @ [^\]]+\] (.*)$/.exec(line);
    if (showinfo === null) {
      this.other.push(line.trim());
      if (this.other.length > this.tailLines) this.other.shift();
      return;
    }
    const body = showinfo[1] ?? "";
    const config = /^config in time_base: (\d+)\/(\d+)/.exec(body);
    if (config !== null) {
      this.timeBase = { numerator: Number(config[1]), denominator: Number(config[2]) };
      return;
    }
    const frame = /^n:\s*(\d+) pts:\s*(-?\d+) pts_time:(\S+)/.exec(body);
    if (frame === null) return; // showinfo's second line per frame (colour info, side data)
    const pts = Number(frame[2]);
    // pts × time base is exact; pts_time is printed with 6 significant digits (10 ms off after 10000 s).
    const seconds = this.timeBase !== null && this.timeBase.denominator > 0 ? (pts * this.timeBase.numerator) / this.timeBase.denominator : Number(frame[3]);
    this.timestamps.push(Math.round(seconds * 1000));
  }
}
