// The feature-extraction benchmark (one of the scripts `npm run bench` runs; alone:
// `node --import tsx bench/extract.ts`). It draws 1280×720 JPEGs like kao's display variant, converts
// the built-in backbones from nsfwjs to ONNX, and for each measures on the same session, with one
// intra-op thread per core:
//   - the reference: a bare onnxruntime-node loop over input tensors decoded and resized beforehand;
//   - kao: extractFeatures end to end from the JPEG bytes (decoding of the next batch overlapping
//     inference of the current one);
//   - decoding alone (preprocessImage, one image at a time), so that the overlap shows: without it,
//     kao would reach 1 / (reference time + decoding time) per image.
// With a folder of labelled images it also reports what the features are worth (see extract-quality.ts).
//
// Environment: BENCH_EXTRACT_IMAGES (default 64), BENCH_EXTRACT_RUNS (default 2: reference and kao
// take turns, the fastest of each counting), BENCH_EXTRACT_BATCHES (default 1,8),
// BENCH_EXTRACT_CACHE (a folder to keep the converted models in between runs; default a temporary
// one), BENCH_LABELLED_DIR (face/ and no_face/ subfolders of images: the quality report).
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { importNsfwjsModel, openSession, type NsfwjsModelName, type Preprocessing } from "@kao/ml";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { generateTestImages } from "./extract-images.ts";
import { reportQuality } from "./extract-quality.ts";
import type { Observed } from "./extract-machine.ts";
import { measureBackboneThroughput, SIDES, type BackboneThroughput, type Side } from "./extract-throughput.ts";
import { fixed, measure, table } from "./measure.ts";

const count = wholeNumber("BENCH_EXTRACT_IMAGES", 64, 8);
const runs = wholeNumber("BENCH_EXTRACT_RUNS", 2, 1);
const batches = (process.env["BENCH_EXTRACT_BATCHES"] ?? "1,8").split(",").map((text) => {
  const batch = Number(text.trim());
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`BENCH_EXTRACT_BATCHES must list whole numbers ≥ 1, got ${process.env["BENCH_EXTRACT_BATCHES"]}`);
  return batch;
});
const cores = availableParallelism();

/** The built-in backbones' default taps, as apps/worker registers them (pooling: per-channel max). */
const BACKBONES: readonly { label: string; model: NsfwjsModelName; tap: string }[] = [
  { label: "InceptionV3 mixed10", model: "inception_v3", tap: "mixed10" },
  { label: "MobileNetV2 out_relu", model: "mobilenet_v2", tap: "out_relu" },
];

const say = (line: string) => console.log(line);
const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-extract-"));
process.once("SIGINT", () => void rm(temp, { recursive: true, force: true }).finally(() => process.exit(130)));
try {
  say(`kao extraction benchmark: ${count} JPEGs of 1280×720, batches ${batches.join(" and ")}, ${runs} run(s) of each side`);
  say(machineLine());
  say(`onnxruntime-node ${ortVersion()}, ${cores} intra-op threads; sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), concurrency ${sharp.concurrency()}, UV_THREADPOOL_SIZE ${process.env["UV_THREADPOOL_SIZE"] ?? "4 (default)"}`);

  const drawn = await measure(() => generateTestImages({ folder: path.join(temp, "images"), count }));
  const images = await Promise.all(drawn.value.map((file) => readFile(file)));
  const bytes = images.reduce((sum, image) => sum + image.length, 0);
  say(`drew ${count} images in ${fixed(drawn.seconds, 1)} s (${fixed(bytes / count / 1024, 0)} KiB each on average)`);

  const cacheDir = process.env["BENCH_EXTRACT_CACHE"] || path.join(temp, "models");
  const results: { label: string; size: number; throughput: BackboneThroughput }[] = [];
  for (const backbone of BACKBONES) {
    const imported = await measure(() => importNsfwjsModel(backbone.model, { cacheDir }));
    const model = imported.value;
    say(`\n${backbone.label}: ${model.converted ? `converted from nsfwjs in ${fixed(imported.seconds, 1)} s` : `reused the converted model in ${cacheDir}`}`);
    const preprocessing: Preprocessing = {
      width: model.inputSize,
      height: model.inputSize,
      channelOrder: model.preprocessing.channelOrder,
      scale: model.preprocessing.scale,
      mean: [0, 1, 2].map(() => 0 - model.preprocessing.offset), // as default-backbones.ts registers it
      std: [1, 1, 1],
    };
    const bareSession = await ort.InferenceSession.create(model.path, { intraOpNumThreads: cores });
    const { session: kaoSession } = await openSession({ model: model.path, intraOpThreads: cores });
    try {
      const throughput = await measureBackboneThroughput({ bareSession, kaoSession, tap: backbone.tap, pooling: "MAX", preprocessing, images, batches, runs, say });
      results.push({ label: backbone.label, size: model.inputSize, throughput });
    } finally {
      await Promise.all([bareSession.release(), kaoSession.release()]);
    }
  }

  // The least disturbed run of each side counts: other people's work only ever adds time.
  const summary = results.flatMap(({ label, throughput }) =>
    throughput.rows.map((row) => {
      const best: Record<Side, Observed<unknown>> = { reference: fastest(row.runs.reference), kaoInference: fastest(row.runs.kaoInference), kao: fastest(row.runs.kao) };
      const rate = (side: Side) => throughput.images / best[side].seconds;
      const cpuPerImage = (side: Side) => (best[side].cpuSeconds === null ? null : ((best[side].cpuSeconds ?? 0) * 1000) / throughput.images);
      // Inference and decoding one after the other: what kao would reach if nothing overlapped.
      const sequentialRate = 1 / (best.kaoInference.seconds / throughput.images + decodeMs(throughput) / 1000);
      return { label, row, throughput, best, rate, cpuPerImage, sequentialRate };
    }),
  );
  say(`\n${machineLine()}`);
  say(
    table(
      ["backbone", "batch", "reference img/s", "kao img/s", "kao / reference"],
      summary.map(({ label, row, rate }) => [label, String(row.batch), fixed(rate("reference"), 1), fixed(rate("kao"), 1), fixed(rate("kao") / rate("reference"), 3)]),
    ),
  );
  say("reference: bare onnxruntime-node session (its defaults, intra-op threads = cores) over tensors decoded beforehand; kao: extractFeatures from the JPEG bytes.");
  say("");
  say(
    table(
      ["backbone", "batch", "kao inference img/s", "kao / kao inference", "no-overlap img/s", "kao / no-overlap", "CPU ms/img ref · kao inf · kao", "others' load ref · kao"],
      summary.map(({ label, row, best, rate, cpuPerImage, sequentialRate }) => [
        label,
        String(row.batch),
        fixed(rate("kaoInference"), 1),
        fixed(rate("kao") / rate("kaoInference"), 3),
        fixed(sequentialRate, 1),
        fixed(rate("kao") / sequentialRate, 3),
        SIDES.map((side) => fixed(cpuPerImage(side), 0)).join(" · "),
        [best.reference, best.kao].map((run) => (run.othersShare === null ? "n/a" : `${fixed(run.othersShare * 100, 0)}%`)).join(" · "),
      ]),
    ),
  );
  say("kao inference: the reference's loop on kao's own session (openSession). kao / kao inference: what decoding costs after overlap (1 = nothing).");
  say("no-overlap: 1 / (kao inference s/img + sequential decode s/img); kao / no-overlap > 1 means decoding overlapped inference.");
  say("CPU ms/img: user + system time of this process per image (onnxruntime's spinning threads count). others' load: share of all cores");
  say("used by other processes during that run; runs above ~10% were disturbed, and the ratios of two sides compare only at similar load.");
  say("");
  say(
    table(
      ["backbone", "input", "decode+resize ms/img (sequential, fastest run)", "of which to-tensor (JS) ms", "largest |kao − ref|", "largest value"],
      results.map(({ label, size, throughput }) => [
        label,
        `${size}×${size}`,
        fixed(decodeMs(throughput), 2),
        fixed(throughput.toTensorMs, 2),
        throughput.largestDifference.toExponential(1),
        fixed(throughput.largestValue, 2),
      ]),
    ),
  );
  say("every run, wall s (others' load):");
  for (const { label, row } of summary) {
    say(`  ${label}, batch ${row.batch}: ${SIDES.map((side) => `${side} ${describeRuns(row.runs[side])}`).join("; ")}`);
  }
  for (const { label, throughput } of results) say(`  ${label}, sequential decoding: ${describeRuns(throughput.decodeRuns)}`);

  const labelled = process.env["BENCH_LABELLED_DIR"];
  say("\n=== quality on real frames ===");
  if (labelled) await reportQuality({ folder: labelled, cacheDir, backbones: BACKBONES, say });
  else {
    say("skipped: set BENCH_LABELLED_DIR to a folder of labelled images to get 5-fold cross-validated balanced accuracy");
    say("per backbone and tap (linear SVM, class-balanced, kao's trainSvm). Layout: <dir>/face/*.jpg and <dir>/no_face/*.jpg,");
    say("or one more level <dir>/face/<scene or title>/*.jpg to keep each scene in one fold. For example:");
    say("  node --import tsx bench/extract-labelled-sample.ts /tmp/kao-labelled   # a small generated folder, to try it");
    say("  BENCH_ONLY=extract BENCH_LABELLED_DIR=/tmp/kao-labelled npm run bench");
  }
  say(`\n${machineLine()}`);
} finally {
  await rm(temp, { recursive: true, force: true });
}

function machineLine(): string {
  return `node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`;
}

function ortVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common ?? "?";
}

function describeRuns(runs: readonly Observed<unknown>[]): string {
  return runs.map((run) => `${fixed(run.seconds, 2)}${run.othersShare === null ? "" : ` (${fixed(run.othersShare * 100, 0)}%)`}`).join(", ");
}

/** Sequential decoding's least disturbed run, in ms per image. */
function decodeMs(throughput: BackboneThroughput): number {
  return (fastest(throughput.decodeRuns).seconds * 1000) / throughput.images;
}

function fastest<T>(measured: readonly Observed<T>[]): Observed<T> {
  const [first] = [...measured].sort((a, b) => a.seconds - b.seconds);
  if (first === undefined) throw new Error("no runs");
  return first;
}

function wholeNumber(name: string, fallback: number, least: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number ≥ ${least}, got ${process.env[name]}`);
  return value;
}
