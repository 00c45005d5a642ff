import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeVideo } from "./probe-video.ts";
import { ffmpegMake, makeTempDir, makeTestsrc, tools } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.remove());

describe("probeVideo", () => {
  it("reads duration, size, frame rate and codec of a 12 s testsrc MP4", async () => {
    const video = await makeTestsrc({ output: path.join(temp.dir, "testsrc.mp4"), seconds: 12 });
    const info = await probeVideo({ path: video, ffprobe: tools.ffprobe });
    expect(info.durationMs).toBeGreaterThan(11_950);
    expect(info.durationMs).toBeLessThan(12_050);
    expect(info).toMatchObject({ width: 320, height: 240, frameRate: 25, codec: "h264" });
    expect(info.formatName).toContain("mp4");
  });

  it("reports the display size of rotated and of anamorphic video", async () => {
    const upright = await makeTestsrc({ output: path.join(temp.dir, "upright.mp4"), seconds: 1 });
    // ffmpeg 4.1 writes the display matrix when remuxing (as phones do), not when encoding.
    const rotated = await ffmpegMake({ args: ["-i", upright, "-c", "copy", "-metadata:s:v:0", "rotate=90"], output: path.join(temp.dir, "rotated.mp4") });
    expect(await probeVideo({ path: rotated, ffprobe: tools.ffprobe })).toMatchObject({ width: 240, height: 320 });
    const wide = await ffmpegMake({
      args: ["-f", "lavfi", "-i", "testsrc=duration=1:size=320x240:rate=25", "-vf", "setsar=2", "-c:v", "libx264", "-pix_fmt", "yuv420p"],
      output: path.join(temp.dir, "anamorphic.mkv"),
    });
    expect(await probeVideo({ path: wide, ffprobe: tools.ffprobe })).toMatchObject({ width: 640, height: 240, codec: "h264" });
  });

  it("rejects an audio-only file with NO_VIDEO_STREAM", async () => {
    const audio = await ffmpegMake({ args: ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac"], output: path.join(temp.dir, "song.m4a") });
    await expect(probeVideo({ path: audio, ffprobe: tools.ffprobe, fileName: "ep1.mp4" })).rejects.toMatchObject({
      code: "NO_VIDEO_STREAM",
      message: "ep1.mp4: no video stream (audio only?)",
    });
  });

  it("rejects a text file with CORRUPT, naming the user's file and not our temp path", async () => {
    const text = path.join(temp.dir, "upload-1234.bin");
    await writeFile(text, "just some text, no video here\n".repeat(20));
    const error = await probeVideo({ path: text, ffprobe: tools.ffprobe, fileName: "ep1.mp4" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "CORRUPT" });
    expect((error as Error).message).toMatch(/^ep1\.mp4: not a readable video \(.*Invalid data found when processing input/s);
    expect((error as Error).message).not.toContain(temp.dir);
  });

  it("reports a missing ffprobe as FFMPEG_FAILED", async () => {
    await expect(probeVideo({ path: "x.mp4", ffprobe: path.join(temp.dir, "no-ffprobe") })).rejects.toMatchObject({ code: "FFMPEG_FAILED" });
  });
});
