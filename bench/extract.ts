// The feature-extraction benchmark (one of the scripts `npm run bench` runs; alone:
// `node --import tsx bench/extract.ts`). It draws 1280×720 JPEGs like kao's display variant (what the
// extraction job reads), converts the built-in backbones from nsfwjs to ONNX, and for each measures,
// with one intra-op thread per core:
//   - the reference: a bare onnxruntime-node session looping over input tensors decoded and resized beforehand;
//   - kao inference: the same loop on the session kao's worker opens (openSession);
//   - kao: extractFeatures end to end from the JPEG bytes (decoding of the next batch overlapping
//     inference of the current one), on that session;
//   - decoding alone (preprocessImage, one image at a time), so that the overlap shows.
// The sides take turns, and each run reports the load other processes put on the (shared) machine.
// With labelled images (a folder, or a kao dataset) it also reports what the features are worth
// (extract-quality.ts; `node --import tsx bench/extract-quality-run.ts` runs that report alone).
//
// Environment: BENCH_EXTRACT_IMAGES (default 64, the worker's page size), BENCH_EXTRACT_RUNS (default 3;
// the fastest run of each side counts), BENCH_EXTRACT_BATCHES (default 1,8), BENCH_EXTRACT_CACHE (a
// folder to keep the converted models in between runs; default a temporary one), BENCH_LABELLED_DIR
// (face/ and no_face/ subfolders of images: the quality report), BENCH_DATASET (a kao dataset's name or
// id instead: its consensus-labelled frames, read with DATABASE_URL or KAO_DATA_DIR's embedded
// database and frame files; see extract-labelled-dataset.ts), BENCH_EXTRACT_SPINNING=1 (open kao's
// session with onnxruntime's spinning threads, as before openSession turned them off: the "before").
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { importNsfwjsModel, openSession, type NsfwjsModelName, type Preprocessing } from "@kao/ml";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { generateTestImages } from "./extract-images.ts";
import { readLabelledSource } from "./extract-labelled-dataset.ts";
import { reportQuality } from "./extract-quality.ts";
import { printThroughputReport, type BackboneResult } from "./extract-report.ts";
import { measureBackboneThroughput } from "./extract-throughput.ts";
import { fixed, measure } from "./measure.ts";

const count = wholeNumber("BENCH_EXTRACT_IMAGES", 64, 8);
const runs = wholeNumber("BENCH_EXTRACT_RUNS", 3, 1);
const batches = (process.env["BENCH_EXTRACT_BATCHES"] ?? "1,8").split(",").map((text) => {
  const batch = Number(text.trim());
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`BENCH_EXTRACT_BATCHES must list whole numbers ≥ 1, got ${process.env["BENCH_EXTRACT_BATCHES"]}`);
  return batch;
});
const cores = availableParallelism();
const spinning = process.env["BENCH_EXTRACT_SPINNING"] === "1";

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
  say(`onnxruntime-node ${ortVersion()}, ${cores} intra-op threads, kao's session ${spinning ? "with" : "without"} spinning; sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), concurrency ${sharp.concurrency()}, UV_THREADPOOL_SIZE ${process.env["UV_THREADPOOL_SIZE"] ?? "4 (default)"}`);

  const drawn = await measure(() => generateTestImages({ folder: path.join(temp, "images"), count }));
  const images = await Promise.all(drawn.value.map((file) => readFile(file)));
  const bytes = images.reduce((sum, image) => sum + image.length, 0);
  say(`drew ${count} images in ${fixed(drawn.seconds, 1)} s (${fixed(bytes / count / 1024, 0)} KiB each on average)`);

  const cacheDir = process.env["BENCH_EXTRACT_CACHE"] || path.join(temp, "models");
  const results: BackboneResult[] = [];
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
    const { session: kaoSession } = await openSession({ model: model.path, intraOpThreads: cores, spinning });
    try {
      const throughput = await measureBackboneThroughput({ bareSession, kaoSession, tap: backbone.tap, pooling: "MAX", preprocessing, images, batches, runs, say });
      results.push({ label: backbone.label, size: model.inputSize, throughput });
    } finally {
      await Promise.all([bareSession.release(), kaoSession.release()]);
    }
  }

  say(`\n${machineLine()}`);
  printThroughputReport({ results, cores, say });

  say("\n=== quality on real frames ===");
  const labelled = await readLabelledSource(say);
  if (labelled) await reportQuality({ data: labelled, cacheDir, backbones: BACKBONES, say });
  else {
    say("skipped: set BENCH_DATASET to a kao dataset's name (its consensus-labelled frames; DATABASE_URL, or KAO_DATA_DIR's");
    say("embedded database) or BENCH_LABELLED_DIR to a folder of labelled images to get 5-fold cross-validated balanced");
    say("accuracy per backbone, tap and preprocessing (linear SVM, class-balanced, kao's trainSvm). Folder layout:");
    say("<dir>/face/*.jpg and <dir>/no_face/*.jpg, or one more level <dir>/face/<scene or title>/*.jpg to keep each scene in one fold.");
    say("  node --import tsx bench/extract-labelled-sample.ts /tmp/kao-labelled   # a small generated folder, to try it");
    say("  BENCH_ONLY=extract BENCH_LABELLED_DIR=/tmp/kao-labelled npm run bench");
    say("  BENCH_DATASET='my dataset' node --import tsx bench/extract-quality-run.ts   # the report alone, on a kao dataset");
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

function wholeNumber(name: string, fallback: number, least: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number ≥ ${least}, got ${process.env[name]}`);
  return value;
}
