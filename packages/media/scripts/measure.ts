// Rough timings of the video import hot path, not a test. Run: npx tsx scripts/measure.ts
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { normaliseFrame, probeVideo, sampleVideo } from "../src/index.ts";
import { makeTempDir, makeTestsrc, tools } from "../src/test-fixtures.ts";

const width = 1280;
const height = 720;
const firstLine = (binary: string): string => execFileSync(binary, ["-hide_banner", "-version"], { encoding: "utf8" }).split("\n")[0] ?? "";

function stats(millis: readonly number[]): string {
  const sorted = [...millis].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const mean = millis.reduce((sum, value) => sum + value, 0) / millis.length;
  return `median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms over ${millis.length}`;
}

async function time(run: () => Promise<unknown>, repeat: number): Promise<number[]> {
  await run(); // warm up libvips and the JIT
  const millis: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    millis.push(performance.now() - started);
  }
  return millis;
}

const temp = await makeTempDir();
try {
  console.log(`node ${process.version}, ${availableParallelism()} cores, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`);
  console.log(firstLine(tools.ffmpeg));
  console.log(firstLine(tools.ffprobe));

  let started = performance.now();
  const video = await makeTestsrc({ output: path.join(temp.dir, "testsrc-720p.mp4"), seconds: 60, width, height });
  console.log(`\nmade 60 s of ${width}×${height} testsrc (H.264, 25 fps) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const info = await probeVideo({ path: video, ffprobe: tools.ffprobe });
  console.log(`probe: ${JSON.stringify(info)}`);

  // sampling alone
  started = performance.now();
  const frames: Buffer[] = [];
  for await (const sample of sampleVideo({ path: video, ffmpeg: tools.ffmpeg, fps: 1, width, height })) frames.push(sample.rgb);
  const sampleSeconds = (performance.now() - started) / 1000;
  console.log(`sampleVideo, 60 s at 1 fps: ${frames.length} frames in ${sampleSeconds.toFixed(2)} s (${((sampleSeconds * 1000) / frames.length).toFixed(1)} ms per frame)`);

  // normalising one 1280×720 frame: raw (from video) and encoded (image import)
  const rgb = frames[30] ?? Buffer.alloc(width * height * 3);
  console.log(`normaliseFrame, raw ${width}×${height} RGB: ${stats(await time(() => normaliseFrame({ input: { rgb, width, height } }), 30))}`);
  const png = await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const jpeg = await sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  console.log(`normaliseFrame, ${width}×${height} PNG (${(png.length / 1e3).toFixed(0)} kB): ${stats(await time(() => normaliseFrame({ input: png }), 30))}`);
  console.log(`normaliseFrame, ${width}×${height} JPEG (${(jpeg.length / 1e3).toFixed(0)} kB): ${stats(await time(() => normaliseFrame({ input: jpeg }), 30))}`);

  // the whole video import path, sequential as a worker would do it
  started = performance.now();
  let count = 0;
  for await (const sample of sampleVideo({ path: video, ffmpeg: tools.ffmpeg, fps: 1, width, height })) {
    await normaliseFrame({ input: { rgb: sample.rgb, width, height } });
    count += 1;
  }
  const pipelineSeconds = (performance.now() - started) / 1000;
  console.log(`sampleVideo + normaliseFrame, 60 s at 1 fps: ${count} frames in ${pipelineSeconds.toFixed(2)} s (${(60 / pipelineSeconds).toFixed(1)}× real time)`);
} finally {
  await temp.remove();
}
