// The import benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/import.ts`,
// or `BENCH_SECONDS=60 npm run bench` for a quick run). It generates a 1280×720 video, extracts one JPEG per second from it with bare ffmpeg
// (the reference), imports it with kao's worker code into a real Postgres, and prints kao's figures
// as ratios against the reference measured in the same run, on the same machine, with the same ffmpeg.
//
// Environment: BENCH_SECONDS (default 600), BENCH_RUNS (default 1) imports, each between two runs of the
// reference, the fastest of each counting (on a shared machine, 2 or 3 give steadier ratios),
// BENCH_STAGES=0 to skip the per-stage breakdown,
// DATABASE_URL to use a Postgres server (a throwaway database is created on it) instead of an
// embedded one, KAO_FFMPEG for another ffmpeg (as the worker).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createPrismaClient, type Db } from "@kao/db";
import { probeVideo, resolveFfmpeg } from "@kao/media";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { stageVideoImport, verifyImport } from "./kao-import.ts";
import { cleanUpOnce, fixed, killRunningTools, measure, type Measured, runTool, table } from "./measure.ts";
import { measureStages, type Stage } from "./stages.ts";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 600);
if (!Number.isInteger(seconds) || seconds < 5) throw new Error(`BENCH_SECONDS must be a whole number ≥ 5, got ${process.env["BENCH_SECONDS"]}`);
const runs = Number(process.env["BENCH_RUNS"] ?? 1);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number ≥ 1, got ${process.env["BENCH_RUNS"]}`);
const withStages = process.env["BENCH_STAGES"] !== "0";
const width = 1280;
const height = 720;
const sampleFps = 1;
const expectedFrames = seconds * sampleFps;
const tools = resolveFfmpeg(process.env["KAO_FFMPEG"]);
const workerThreads = Math.min(4, availableParallelism()); // sampleVideo's default decoder threads

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-"));
let database: TestDatabase | null = null;
let db: Db | null = null;
const cleanUp = cleanUpOnce(async () => {
  killRunningTools();
  await db?.$disconnect().catch(() => undefined);
  await database?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
  await rm(temp, { recursive: true, force: true });
});

const say = (line: string) => console.log(line);

try {
  say(`kao import benchmark: ${seconds} s of ${width}×${height} video, sampled at ${sampleFps} fps`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  say(`sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), concurrency ${sharp.concurrency()}, UV_THREADPOOL_SIZE ${process.env["UV_THREADPOOL_SIZE"] ?? "4 (default)"}`);
  say(`${execFileSync(tools.ffmpeg, ["-hide_banner", "-version"], { encoding: "utf8" }).split("\n")[0] ?? ""}\n  at ${tools.ffmpeg}`);

  // The video: testsrc2 (moving shapes, gradients, a counter) has real detail for the JPEG encoder,
  // and every sample differs, so nothing is skipped as a duplicate. Inverting it for 5 s of every 15
  // makes a cut, as in a real episode, so that scenes are opened along the way too.
  const makeVideo = (file: string, duration: number) =>
    runTool(tools.ffmpeg, [
      ...["-hide_banner", "-nostdin", "-loglevel", "error", "-y"],
      ...["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=24:duration=${duration}`],
      ...["-vf", "negate=enable='lt(mod(t,15),5)'"],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", "48", "-pix_fmt", "yuv420p", file],
    ]);
  const video = path.join(temp, "bench.mp4");
  const made = await measure(() => makeVideo(video, seconds));
  const info = await probeVideo({ path: video, ffprobe: tools.ffprobe });
  say(`\nmade the video in ${fixed(made.seconds)} s: ${info.codec} ${info.width}×${info.height}, ${fixed(info.frameRate)} fps, ${fixed((info.durationMs ?? 0) / 1000)} s, ${fixed((await stat(video)).size / 1e6)} MB`);

  // The reference: what ffmpeg alone takes to turn the same file into one JPEG per second.
  const extract = async (threads: string[]): Promise<Measured<number>> => {
    const out = path.join(temp, "reference");
    await mkdir(out, { recursive: true });
    const measured = await measure(async () => {
      await runTool(tools.ffmpeg, ["-hide_banner", "-nostdin", "-loglevel", "error", ...threads, "-i", video, "-vf", `fps=${sampleFps}`, path.join(out, "%05d.jpg")]);
      return (await readdir(out)).length;
    });
    await rm(out, { recursive: true, force: true });
    return measured;
  };
  say("running the references (bare ffmpeg extraction)…");
  const references = [await extract([])];
  const referenceThreads = await extract(["-threads", String(workerThreads)]);

  say(`starting Postgres (${process.env["DATABASE_URL"] || process.env["TEST_DATABASE_URL"] ? "a new database on DATABASE_URL" : "embedded, in a temporary folder"})…`);
  database = await startTestDatabase();
  db = createPrismaClient({ connectionString: database.connectionString, max: 5 }); // the worker's default pool
  const storage = createLocalStorage({ root: path.join(temp, "files") });

  // A worker is a long-running process: a short import first, untimed, so that the timed one does not
  // pay for loading modules, Prisma's first queries, libvips' start-up and the ffmpeg version check.
  const warmupVideo = path.join(temp, "warmup.mp4");
  await makeVideo(warmupVideo, 3);
  const warmup = await stageVideoImport({ db, storage, video: warmupVideo, sampleFps });
  const warmed = await measure(() => warmup.run(tools));
  say(`warm-up import of 3 s took ${fixed(warmed.seconds, 2)} s (not counted)`);

  // Imports and references take turns: on a shared machine the load drifts, and a reference run on
  // either side of every import is a fairer yardstick than one at the start. Each import goes into a
  // new dataset, so none of its frames is a duplicate of an earlier run's.
  const imports: Measured<unknown>[] = [];
  let verified: Awaited<ReturnType<typeof verifyImport>> | null = null;
  for (let run = 1; run <= runs; run++) {
    say(`importing with kao (runImport, from start to SUCCEEDED)${runs > 1 ? `, run ${run} of ${runs}` : ""}…`);
    const staged = await stageVideoImport({ db, storage, video, sampleFps });
    imports.push(await measure(() => staged.run(tools)));
    verified = await verifyImport({ db, storage, datasetId: staged.datasetId, jobId: staged.jobId, expectedFrames });
    if (verified.problems.length) throw new Error(`the import did not do what was timed:\n  ${verified.problems.join("\n  ")}`);
    say(`verified: ${verified.frames} frames in ${verified.scenes} scenes, ${verified.duplicates} duplicates, every frame with its 3 JPEGs`);
    say("running the reference again…");
    references.push(await extract([]));
  }
  const frames = verified?.frames ?? 0;
  // Other people's work only ever adds time, so the fastest run of each is the least disturbed one.
  // There is one more reference run than imports: if anything, that favours the reference.
  const reference = fastest(references);
  const kao = fastest(imports);

  const stages: Stage[] = [];
  if (withStages) {
    say("measuring the stages one at a time…");
    stages.push(...(await measureStages({ video, ffmpeg: tools.ffmpeg, width, height, expectedFrames, db, storage })));
  }

  const row = (name: string, run: Measured<unknown>, frames: number) => [
    name,
    fixed(run.seconds, 2),
    String(frames),
    fixed(frames / run.seconds),
    fixed(run.cpuSeconds),
    `${fixed(run.seconds / reference.seconds, 2)}×`,
    reference.cpuSeconds && run.cpuSeconds !== null ? `${fixed(run.cpuSeconds / reference.cpuSeconds, 2)}×` : "n/a",
  ];
  say("");
  say(
    table(
      ["run", "wall s", "frames", "frames/s", "CPU s", "wall ×ref", "CPU ×ref"],
      [
        row(`reference: ffmpeg -i video -vf fps=1 %05d.jpg (fastest of ${references.length})`, reference, reference.value),
        row(`reference: same, -threads ${workerThreads} (the worker's decoder threads)`, referenceThreads, referenceThreads.value),
        row(`kao import: runImport → SUCCEEDED${runs > 1 ? ` (fastest of ${runs})` : ""}`, kao, frames),
      ],
    ),
  );
  say(`runs, wall s: reference ${references.map((run) => fixed(run.seconds, 2)).join(", ")}; kao ${imports.map((run) => fixed(run.seconds, 2)).join(", ")}`);
  say("CPU s: user + system seconds of this process and its children (ffmpeg; Postgres when embedded).");
  if (kao.cpu) say(`kao's CPU: Node ${fixed(kao.cpu.node)} s (JavaScript, libvips, libuv threads), ffmpeg + ffprobe ${fixed(kao.cpu.tools)} s, Postgres ${fixed(kao.cpu.other)} s`);

  if (stages.length) {
    say("\nstages one at a time (sequential, one frame in flight; the import overlaps them):");
    say(
      table(
        ["stage", "frames", "ms/frame", "CPU ms/frame", `≈ s for ${frames}`],
        stages.map((stage) => {
          const perFrame = (stage.measured.seconds * 1000) / stage.frames;
          const cpuPerFrame = stage.measured.cpuSeconds === null ? null : (stage.measured.cpuSeconds * 1000) / stage.frames;
          return [stage.name, String(stage.frames), fixed(perFrame), fixed(cpuPerFrame), fixed((perFrame * frames) / 1000)];
        }),
      ),
    );
  }

  const ratio = kao.seconds / reference.seconds;
  say(`\nkao import / bare ffmpeg extraction: ${fixed(ratio, 3)}× wall time (target ≤ 1.5×) ${ratio <= 1.5 ? "✓" : "✗"}`);
  say(`kao: ${fixed(frames / kao.seconds)} frames/s, ${fixed((info.durationMs ?? 0) / 1000 / kao.seconds)}× real time`);
} finally {
  await cleanUp();
}

function fastest<T>(measured: readonly Measured<T>[]): Measured<T> {
  const [first] = [...measured].sort((a, b) => a.seconds - b.seconds);
  if (first === undefined) throw new Error("no runs");
  return first;
}
