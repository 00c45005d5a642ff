// The SVM grid benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/svm.ts`).
// It generates pooled-CNN-like features with a fixed seed, runs the paper's grid with kao's runGrid
// (one Gram matrix, precomputed kernels, LIBSVM in WebAssembly, worker threads) and the same grid with
// scikit-learn's SVC (LIBSVM in C) on the same rows, and prints both wall times, their ratio and the
// per-configuration validation accuracy of each.
//
// The grid: kernels linear, RBF, polynomial of degree 2, 3, 4, 5, 6, 10, 20 (gamma 'scale' =
// 1 / (d · var X), coef0 0), each with C ∈ {0.1, 1, 10}: 27 configurations, class_weight 'balanced',
// tolerance 1e-3, on 2,400 training and 600 validation rows of 1,024 dimensions.
//
// Environment: BENCH_SVM_ROWS (default 3000), BENCH_SVM_DIMENSIONS (default 1024), PYTHON (default: the
// first of python3 and /usr/bin/python3 that imports sklearn).
// scikit-learn comes from Debian: apt-get install -y python3-sklearn.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PAPER_KERNELS, runGrid, type GridResult, type Kernel } from "@kao/ml";
import { makeSceneFeatures } from "./generated-features.ts";
import { fixed, measure, table } from "./measure.ts";

const rows = Number(process.env["BENCH_SVM_ROWS"] ?? 3000);
const dimensions = Number(process.env["BENCH_SVM_DIMENSIONS"] ?? 1024);
if (!Number.isInteger(rows) || rows < 100) throw new Error(`BENCH_SVM_ROWS must be a whole number ≥ 100, got ${process.env["BENCH_SVM_ROWS"]}`);
if (!Number.isInteger(dimensions) || dimensions < 2) throw new Error(`BENCH_SVM_DIMENSIONS must be a whole number ≥ 2, got ${process.env["BENCH_SVM_DIMENSIONS"]}`);
// Debian's python3-sklearn lives in /usr/bin/python3, which a pyenv or venv python3 first on PATH hides.
const pythons = process.env["PYTHON"] ? [process.env["PYTHON"]] : ["python3", "/usr/bin/python3"];
const Cs = [0.1, 1, 10];
const trainRows = Math.round(rows * 0.8);
const say = (line: string) => console.log(line);

say(`kao SVM grid benchmark: ${rows} × ${dimensions} features (${trainRows} train, ${rows - trainRows} validation), ${PAPER_KERNELS.length} kernels × C ∈ {${Cs.join(", ")}}`);
say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);

// Independent rows (scenes of one): the same generator as the active-learning and leakage benchmarks.
const data = makeSceneFeatures({ rows, dimensions, seed: 20261128 });
const train = { features: data.features.slice(0, trainRows * dimensions), labels: data.labels.slice(0, trainRows) };
const val = { features: data.features.slice(trainRows * dimensions), labels: data.labels.slice(trainRows) };
const faces = (labels: Uint8Array) => labels.reduce((sum, label) => sum + label, 0);
say(`FACE rows: ${faces(train.labels)} of ${trainRows} in train, ${faces(val.labels)} of ${val.labels.length} in validation`);

say("running kao's grid (runGrid)…");
const kao = await measure(() => runGrid({ train, val, dimensions, kernels: PAPER_KERNELS, Cs }));
const grid = kao.value;
say(`kao: ${fixed(kao.seconds, 2)} s wall (Gram matrices ${fixed(grid.gramSeconds, 2)} s), ${fixed(kao.cpuSeconds, 1)} CPU s; best ${describe(grid.best.kernel)}, C ${grid.best.C}`);

const sklearn = await runSklearn(grid.results);
const rowsOut = grid.results.map((result, i) => {
  const reference = sklearn?.results[i];
  return [
    describe(result.kernel),
    String(result.C),
    fixed(result.metrics.accuracy * 100, 2),
    reference ? fixed(reference.accuracy * 100, 2) : "n/a",
    reference ? fixed((result.metrics.accuracy - reference.accuracy) * 100, 2) : "n/a",
    fixed(result.metrics.balancedAccuracy * 100, 2),
    reference ? fixed(reference.balancedAccuracy * 100, 2) : "n/a",
    String(result.supportCount),
    reference ? String(reference.supportCount) : "n/a",
    fixed(result.seconds, 2),
    reference ? fixed(reference.seconds, 2) : "n/a",
  ];
});
say("");
say(table(["kernel", "C", "kao acc %", "skl acc %", "Δ pts", "kao bal %", "skl bal %", "kao nSV", "skl nSV", "kao s", "skl s"], rowsOut));
say("kao s: one configuration in its worker (kernel rows when new, fit, validation decisions); the workers run side by side.");

if (sklearn) {
  const differences = grid.results.map((result, i) => Math.abs(result.metrics.accuracy - (sklearn.results[i]?.accuracy ?? Number.NaN)));
  const largest = Math.max(...differences);
  const ratio = kao.seconds / sklearn.seconds;
  say(`\nscikit-learn ${sklearn.version} SVC: ${fixed(sklearn.seconds, 2)} s for the grid (fit + predict, one thread; its gamma 'scale' ${sklearn.scaleGamma.toPrecision(6)}, kao's ${describeGamma(grid.results)})`);
  say(`kao runGrid: ${fixed(kao.seconds, 2)} s (Gram matrices, worker start-up and all 27 fits included)`);
  say(`kao / scikit-learn: ${fixed(ratio, 3)}× wall time (target ≤ 0.5×) ${ratio <= 0.5 ? "✓" : "✗"}`);
  say(`largest validation accuracy difference: ${fixed(largest * 100, 2)} points (target ≤ 0.5) ${largest <= 0.005 ? "✓" : "✗"}`);
}

type SklearnRun = { version: string; seconds: number; scaleGamma: number; results: { accuracy: number; balancedAccuracy: number; supportCount: number; seconds: number }[] };

/** scikit-learn's side, or null (with the reason printed) when python3 has no scikit-learn. */
async function runSklearn(results: readonly GridResult[]): Promise<SklearnRun | null> {
  const probes = pythons.map((python) => ({ python, probe: spawnSync(python, ["-c", "import sklearn; print(sklearn.__version__)"], { encoding: "utf8" }) }));
  const found = probes.find(({ probe }) => probe.status === 0);
  if (found === undefined) {
    const why = probes.map(({ python, probe }) => `${python}: ${(probe.stderr || String(probe.error ?? "")).trim().split("\n").at(-1) ?? ""}`).join("; ");
    say(`\nscikit-learn: skipped: install python3-sklearn (apt-get install -y python3-sklearn) [${why}]`);
    return null;
  }
  const { python } = found;
  say(`\nrunning the same grid in scikit-learn ${found.probe.stdout.trim()} (${python})…`);
  const folder = await mkdtemp(path.join(tmpdir(), "kao-bench-svm-"));
  try {
    await writeFile(path.join(folder, "train.f32"), new Uint8Array(train.features.buffer));
    await writeFile(path.join(folder, "train.u8"), train.labels);
    await writeFile(path.join(folder, "val.f32"), new Uint8Array(val.features.buffer));
    await writeFile(path.join(folder, "val.u8"), val.labels);
    // kao's resolved gamma, degree and coef0 for every configuration, so that both sides fit the same models.
    const configurations = results.map((result) => ({ kernel: result.kernel, C: result.C }));
    await writeFile(path.join(folder, "grid.json"), JSON.stringify({ dimensions, configurations }));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "svm-sklearn.py");
    const run = spawnSync(python, [script, folder], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`scikit-learn's grid failed (${run.status ?? run.signal}):\n${run.stderr.trim().split("\n").slice(-8).join("\n")}`);
    const parsed: SklearnRun = JSON.parse(run.stdout);
    if (parsed.results.length !== results.length) throw new Error(`scikit-learn returned ${parsed.results.length} results for ${results.length} configurations`);
    return parsed;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function describe(kernel: Kernel): string {
  return kernel.type === "poly" ? `poly ${kernel.degree}` : kernel.type;
}

function describeGamma(results: readonly GridResult[]): string {
  const gammas = new Set(results.flatMap((result) => (result.kernel.type === "linear" ? [] : [result.kernel.gamma.toPrecision(6)])));
  return [...gammas].join(", ");
}
