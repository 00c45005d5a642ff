// `npm run bench`: runs each benchmark script in its own process, one after another, so that one
// benchmark's threads, pools and heap never disturb the next one's figures. Every script prints its
// figures as ratios against a reference measured in the same run. BENCH_ONLY=import,svm picks some.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** In the order they run; each is `bench/<name>.ts`. */
const benchmarks = [
  { name: "import", what: "video import against bare ffmpeg extraction" },
  { name: "labelling", what: "20 labellers over HTTP (nextFrames + submitLabels) against a trivial query" },
  { name: "load", what: "50 labellers with an import and a training job running, default and low connection limits, counts checked" },
  { name: "labelling-browser", what: "key press → next frame painted in Chromium against one animation frame and a picture not prefetched" },
  { name: "extract", what: "CNN feature extraction from JPEGs (extractFeatures) against a bare onnxruntime-node loop" },
  { name: "svm", what: "the paper's SVM grid against scikit-learn's SVC" },
  { name: "active-learning", what: "active-learning scoring of 100,000 frames (decisions, uncertain pool, k-center batch) against numpy" },
  { name: "leakage", what: "leakage reports by dHash and by feature vectors at 20,000 frames against brute force and numpy" },
] as const;

const only = (process.env["BENCH_ONLY"] ?? "").split(",").map((name) => name.trim()).filter(Boolean);
const unknown = only.filter((name) => !benchmarks.some((bench) => bench.name === name));
if (unknown.length) {
  console.error(`BENCH_ONLY names unknown benchmarks: ${unknown.join(", ")} (known: ${benchmarks.map((bench) => bench.name).join(", ")})`);
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const failed: string[] = [];
for (const bench of benchmarks) {
  if (only.length && !only.includes(bench.name)) continue;
  console.log(`\n=== ${bench.name}: ${bench.what} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(here, `${bench.name}.ts`)], { stdio: "inherit" });
  if (run.status !== 0) failed.push(`${bench.name} (${run.signal ?? `exit ${run.status}`})`);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
