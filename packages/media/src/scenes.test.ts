import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differenceHash, hammingDistance } from "./dhash.ts";
import { sampleVideo } from "./sample-video.ts";
import { groupScenes, isSameScene, SCENE_HASH_THRESHOLD } from "./scenes.ts";
import { ffmpegMake, makeTempDir, makeTestsrc, tools } from "./test-fixtures.ts";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.remove());

/** 3 s of each lavfi source ("testsrc", "color=c=red"), concatenated into one 320×240 MP4. */
function concatenated(options: { sources: readonly string[]; output: string }): Promise<string> {
  const { sources, output } = options;
  const inputs = sources.flatMap((source) => ["-f", "lavfi", "-i", `${source}${source.includes("=") ? ":" : "="}size=320x240:rate=25:duration=3`]);
  const pads = sources.map((_, i) => `[${i}:v]`).join("");
  return ffmpegMake({
    args: [...inputs, "-filter_complex", `${pads}concat=n=${sources.length}:v=1:a=0[v]`, "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    output: path.join(temp.dir, output),
  });
}

async function hashesAt1fps(video: string): Promise<bigint[]> {
  const hashes: bigint[] = [];
  for await (const sample of sampleVideo({ path: video, ffmpeg: tools.ffmpeg, fps: 1, width: 320, height: 240 })) {
    hashes.push(await differenceHash({ rgb: sample.rgb, width: 320, height: 240 }));
  }
  return hashes;
}

const consecutiveDistances = (hashes: readonly bigint[]): number[] => hashes.slice(1).map((hash, i) => hammingDistance(hashes[i] ?? 0n, hash));

describe("isSameScene / groupScenes", () => {
  it("starts a scene at the first frame and wherever the distance exceeds the threshold", () => {
    expect(isSameScene(null, 0n)).toBe(false);
    expect(isSameScene(0n, 0b1111111111n)).toBe(true); // 10 bits
    expect(isSameScene(0n, 0b11111111111n)).toBe(false); // 11 bits
    expect(isSameScene(0n, 0b111n, 2)).toBe(false);
    expect(groupScenes({ hashes: [] })).toEqual([]);
    expect(groupScenes({ hashes: [0n, 1n, 3n, -1n, -2n, 0n] })).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it("finds exactly 3 scenes in testsrc + SMPTE bars + testsrc2, 3 s each, sampled at 1 fps", async () => {
    const video = await concatenated({ sources: ["testsrc", "smptebars", "testsrc2"], output: "three-scenes.mp4" });
    const hashes = await hashesAt1fps(video);
    console.info(`three scenes, consecutive dHash distances: ${consecutiveDistances(hashes).join(", ")}`);
    expect(groupScenes({ hashes })).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it("keeps moving testsrc (one static layout, a counter and a sweeping bar) in one scene", async () => {
    const video = await makeTestsrc({ output: path.join(temp.dir, "testsrc.mp4"), seconds: 12 });
    const distances = consecutiveDistances(await hashesAt1fps(video));
    console.info(`testsrc at 1 fps, consecutive dHash distances: ${distances.join(", ")}`);
    expect(Math.max(...distances)).toBeLessThanOrEqual(SCENE_HASH_THRESHOLD);
  });

  it("cannot tell flat colours apart: red, green and blue cards all hash to 0 (dHash sees structure only)", async () => {
    const video = await concatenated({ sources: ["color=c=red", "color=c=green", "color=c=blue"], output: "rgb-cards.mp4" });
    const hashes = await hashesAt1fps(video);
    expect(hashes).toEqual(Array.from({ length: 9 }, () => 0n));
    expect(new Set(groupScenes({ hashes })).size).toBe(1);
  });
});
