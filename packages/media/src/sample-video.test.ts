import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { differenceHash, hammingDistance } from "./dhash.ts";
import { MediaError } from "./media-error.ts";
import { sampleVideo, type VideoSample } from "./sample-video.ts";
import { ffmpegMake, makeTempDir, makeTestsrc, processesMentioning, tools } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let testsrc: string; // 12 s, 320×240, 25 fps, H.264 MP4
let variableRate: string; // 12 s: 4 s at 10 fps, 4 s at 30 fps, 4 s at 5 fps

beforeAll(async () => {
  temp = await makeTempDir();
  [testsrc, variableRate] = await Promise.all([
    makeTestsrc({ output: path.join(temp.dir, "testsrc.mp4"), seconds: 12 }),
    ffmpegMake({
      args: [
        ...["-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=10"],
        ...["-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=30"],
        ...["-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=5"],
        ...["-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,settb=1/1000[v]", "-map", "[v]"],
        // -vsync vfr keeps each frame's own timestamp (ffmpeg 4.1 name of -fps_mode vfr); -r 1000 gives a ms time base
        ...["-vsync", "vfr", "-r", "1000", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
      ],
      output: path.join(temp.dir, "variable-rate.mp4"),
    }),
  ]);
});
afterAll(() => temp.remove());

async function collect(samples: AsyncIterable<VideoSample>): Promise<VideoSample[]> {
  const all: VideoSample[] = [];
  for await (const sample of samples) all.push(sample);
  return all;
}

function expectTimestamps(samples: readonly VideoSample[], expected: readonly number[]): void {
  expect(samples.map((sample) => sample.timestampMs)).toHaveLength(expected.length);
  samples.forEach((sample, i) => expect(Math.abs(sample.timestampMs - (expected[i] ?? NaN))).toBeLessThanOrEqual(50));
}

const range = (count: number, step: number, start = 0): number[] => Array.from({ length: count }, (_, i) => start + i * step);

describe("sampleVideo", () => {
  it("samples 12 s at 1 fps: 12 frames at 0, 1000, …, 11000 ms, each height × width × 3 bytes", async () => {
    const samples = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 }));
    expectTimestamps(samples, range(12, 1000));
    for (const sample of samples) expect(sample.rgb.length).toBe(240 * 320 * 3);
    expect(samples[0]?.rgb.equals(samples[1]?.rgb ?? Buffer.alloc(0))).toBe(false); // distinct frames, not one buffer reused
  });

  it("samples at 2 fps: 24 frames, 500 ms apart, scaled to the size asked for", async () => {
    const samples = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 2, width: 160, height: 120 }));
    expectTimestamps(samples, range(24, 500));
    expect(samples[0]?.rgb.length).toBe(120 * 160 * 3);
  });

  it("samples by media time in a variable-frame-rate file (10, 30 then 5 fps)", async () => {
    const samples = await collect(sampleVideo({ path: variableRate, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 }));
    expectTimestamps(samples, range(12, 1000));
  });

  it("resumes at startMs on the same time grid, with absolute timestamps and the very same pictures", async () => {
    const fullRun = new Map<number, Buffer>(); // timestampMs → rgb
    for await (const sample of sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 3, width: 160, height: 120 })) fullRun.set(sample.timestampMs, sample.rgb);
    const resumed = async (startMs: number): Promise<VideoSample[]> => {
      const samples = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 3, width: 160, height: 120, startMs }));
      for (const sample of samples) expect(sample.rgb.equals(fullRun.get(sample.timestampMs) ?? Buffer.alloc(0)), `${startMs} → ${sample.timestampMs}`).toBe(true);
      return samples;
    };
    const at = (samples: readonly VideoSample[]): number[] => samples.map((sample) => sample.timestampMs);
    expect(at(await resumed(5000))).toEqual([...fullRun.keys()].filter((ms) => ms >= 5000));
    expect(at(await resumed(10_100))).toEqual([10_333, 10_667, 11_000, 11_333, 11_667]); // off the grid: the next grid point
    expect(at(await resumed(333)).slice(0, 2)).toEqual([333, 667]); // 1/3 s lies between two 25 fps frames
    const onePerSecond = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 160, height: 120, startMs: 5000 }));
    expectTimestamps(onePerSecond, range(7, 1000, 5000));
  });

  it("outputs RGB in R, G, B order", async () => {
    const red = await ffmpegMake({ args: ["-f", "lavfi", "-i", "color=c=red:size=64x48:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p"], output: path.join(temp.dir, "red.mp4") });
    const [sample] = await collect(sampleVideo({ path: red, ffmpeg: tools.ffmpeg, fps: 1, width: 64, height: 48 }));
    const [r, g, b] = [sample?.rgb[0] ?? 0, sample?.rgb[1] ?? 0, sample?.rgb[2] ?? 0];
    expect(r).toBeGreaterThan(230);
    expect(g).toBeLessThan(25);
    expect(b).toBeLessThan(25);
  });

  it("applies the rotation of phone videos", async () => {
    const rotated = await ffmpegMake({ args: ["-i", testsrc, "-t", "1", "-c", "copy", "-metadata:s:v:0", "rotate=90"], output: path.join(temp.dir, "rotated.mp4") });
    const [turned] = await collect(sampleVideo({ path: rotated, ffmpeg: tools.ffmpeg, fps: 1, width: 240, height: 320 }));
    const [upright] = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 }));
    assert(turned !== undefined && upright !== undefined, "missing samples");
    // ffmpeg 4.1's muxer turns the tag rotate=90 into a display matrix of 90° counter-clockwise (ffprobe
    // 6 reports "rotation": 90, ffmpeg 4.1 reads it back as rotate=270): the picture is shown turned by
    // 270° clockwise, and the sampler's frame must match the upright frame turned that way.
    const rotatedByUs = await sharp(upright.rgb, { raw: { width: 320, height: 240, channels: 3 } }).rotate(270).raw().toBuffer();
    const distance = hammingDistance(
      await differenceHash({ rgb: turned.rgb, width: 240, height: 320 }),
      await differenceHash({ rgb: rotatedByUs, width: 240, height: 320 }),
    );
    expect(distance).toBeLessThanOrEqual(4);
  });

  it("reads WebM (VP8, VP9), MKV and AVI", async () => {
    const formats: Record<string, readonly string[]> = {
      "vp8.webm": ["-c:v", "libvpx", "-b:v", "300k"],
      "vp9.webm": ["-c:v", "libvpx-vp9", "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8"],
      "h264.mkv": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
      "mpeg4.avi": ["-c:v", "mpeg4"],
    };
    for (const [name, codec] of Object.entries(formats)) {
      const video = await makeTestsrc({ output: path.join(temp.dir, name), seconds: 3, width: 160, height: 120, codec });
      const samples = await collect(sampleVideo({ path: video, ffmpeg: tools.ffmpeg, fps: 1, width: 160, height: 120 }));
      expectTimestamps(samples, range(3, 1000));
    }
  });

  // Both checks look for the ffmpeg process in /proc.
  it.runIf(process.platform === "linux")("kills ffmpeg when aborted mid-way, and the iterator throws the abort reason", async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    let running: number[] = [];
    const error = await (async () => {
      for await (const sample of sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 2, width: 320, height: 240, signal: controller.signal })) {
        seen.push(sample.timestampMs);
        if (seen.length === 3) {
          running = await processesMentioning(testsrc);
          controller.abort();
        }
      }
    })().catch((caught: unknown) => caught);
    expect(running.length).toBe(1); // ffmpeg was still running (blocked on the pipe) when we aborted
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(seen).toEqual([0, 500, 1000]); // nothing after the abort
    expect(await processesMentioning(testsrc)).toEqual([]);
  });

  it.runIf(process.platform === "linux")("kills ffmpeg when the consumer stops early", async () => {
    for await (const sample of sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 })) {
      expect(sample.timestampMs).toBe(0);
      break;
    }
    expect(await processesMentioning(testsrc)).toEqual([]);
  });

  it("does not start ffmpeg when the signal is already aborted", async () => {
    const signal = AbortSignal.abort();
    await expect(collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240, signal }))).rejects.toMatchObject({ name: "AbortError" });
  });

  it("turns an ffmpeg failure into FFMPEG_FAILED with the last stderr lines", async () => {
    const text = path.join(temp.dir, "notes.mp4");
    await writeFile(text, "not a video\n".repeat(100));
    const error = await collect(sampleVideo({ path: text, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: "FFMPEG_FAILED" });
    expect((error as Error).message).toMatch(/^notes\.mp4: ffmpeg failed \(exit 1\):\n.*Invalid data found when processing input/s);
    expect((error as Error).message).not.toContain(temp.dir);
  });

  it("rejects impossible options", async () => {
    await expect(collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 0, width: 320, height: 240 }))).rejects.toThrow(RangeError);
    await expect(collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320.5, height: 240 }))).rejects.toThrow(/positive integers/);
    await expect(collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240, readAhead: 0 }))).rejects.toThrow(/readAhead/);
  });

  it("decodes later frames into buffers handed back with release(), and never into ones still held", async () => {
    const reference = await collect(sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 160, height: 120 }));
    const held: Buffer[] = [];
    const copies: Buffer[] = [];
    let previous: Buffer | null = null;
    let reused = 0;
    for await (const sample of sampleVideo({ path: testsrc, ffmpeg: tools.ffmpeg, fps: 1, width: 160, height: 120 })) {
      if (sample.rgb === previous) reused += 1;
      expect(held.includes(sample.rgb)).toBe(false);
      copies.push(Buffer.from(sample.rgb));
      if (copies.length % 3 === 0) held.push(sample.rgb); // every third frame is kept, the others handed back
      else {
        previous = sample.rgb;
        sample.release();
        sample.release(); // twice is harmless
      }
    }
    expect(reused).toBeGreaterThan(0);
    expect(copies.map((rgb, i) => rgb.equals(reference[i]?.rgb ?? Buffer.alloc(0)))).toEqual(reference.map(() => true));
    held.forEach((rgb, i) => expect(rgb.equals(copies[i * 3 + 2] ?? Buffer.alloc(0))).toBe(true)); // untouched by later frames
  });
});
