// The active-learning benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/active-learning.ts`).
// What the worker does after a training run (apps/worker/src/jobs/train/suggest-frames.ts), without the
// database: decision values of a trained SVM for every candidate frame, in the worker's pages of 500
// (predictSvm, as the worker calls it today, and createCandidateScorer), the uncertain pool (rankByUncertainty), the diverse batch inside it (selectDiverseBatch:
// k-center greedy, one frame per scene) and the queue priorities (scorePriorities). The reference, in the
// same run, is numpy doing the same with the same model (its support vectors, coefficients, bias and
// gamma): one BLAS product per 10,000 rows for the decisions, a stable argsort, vectorised k-center greedy.
// Both sides' decisions and batches are compared, so the ratio is between equal results.
//
// Environment: BENCH_AL_ROWS (default 100000 candidates), BENCH_AL_DIMENSIONS (1024), BENCH_AL_TRAIN
// (3000 training rows), BENCH_AL_BATCH (100, the worker's default), BENCH_AL_KERNEL (rbf | linear | poly3),
// PYTHON (default: the first of python3 and /usr/bin/python3 that imports numpy).
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCandidateScorer, predictSvm, rankByUncertainty, scorePriorities, selectDiverseBatch, trainSvm, type KernelSpec, type SvmModel } from "@kao/ml";
import { makeSceneFeatures } from "./generated-features.ts";
import { fixed, measure, table } from "./measure.ts";

const whole = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${process.env[name]}`);
  return value;
};
const rows = whole("BENCH_AL_ROWS", 100_000, 1000);
const dimensions = whole("BENCH_AL_DIMENSIONS", 1024, 2);
const trainRows = whole("BENCH_AL_TRAIN", 3000, 100);
const batchSize = whole("BENCH_AL_BATCH", 100, 1);
const kernelName = process.env["BENCH_AL_KERNEL"] ?? "rbf";
const kernels: Record<string, KernelSpec> = { rbf: { type: "rbf" }, linear: { type: "linear" }, poly3: { type: "poly", degree: 3 } };
const kernel = kernels[kernelName];
if (!kernel) throw new Error(`BENCH_AL_KERNEL must be one of ${Object.keys(kernels).join(", ")}, got ${kernelName}`);
const PAGE = 500; // suggest-frames.ts reads and scores candidates 500 at a time
const POOL_FACTOR = 10; // suggest-frames.ts's pool: 10 × the batch
const SCENE_SIZE = 5;
const pythons = process.env["PYTHON"] ? [process.env["PYTHON"]] : ["python3", "/usr/bin/python3"];
const say = (line: string) => console.log(line);

say(`kao active-learning benchmark: ${rows.toLocaleString("en")} candidates × ${dimensions} features (scenes of ${SCENE_SIZE}), ${kernelName} SVM from ${trainRows} rows, batch ${batchSize} from a pool of ${batchSize * POOL_FACTOR}`);
say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);

const generated = await measure(async () => makeSceneFeatures({ rows: trainRows + rows, dimensions, seed: 20261128, sceneSize: SCENE_SIZE }));
const { features: all, labels: allLabels, scenes: allScenes } = generated.value;
const train = { features: all.subarray(0, trainRows * dimensions), labels: allLabels.subarray(0, trainRows) };
const candidates = all.subarray(trainRows * dimensions);
const scenes = allScenes.subarray(trainRows);
const groups = Array.from(scenes, (scene) => `scene-${scene}`);
say(`generated in ${fixed(generated.seconds, 1)} s; training the SVM (C = 1, class-balanced)…`);
const model = (await measure(() => trainSvm({ features: train.features, labels: train.labels, dimensions, kernel, C: 1 }))).value;
say(`${model.coefficients.length} support vectors, kernel ${JSON.stringify(model.kernel)}`);

type Stages = { decisions: number; pool: number; diverse: number; priorities: number; total: number };
type Score = (page: Float32Array) => Promise<Float64Array>;

/** kao's path as the worker runs it (less the database), with `score` for each page: the decisions, the batch and the stage times. */
async function kaoScoring(score: Score) {
  const started = performance.now();
  const decisions = new Float64Array(rows);
  for (let start = 0; start < rows; start += PAGE) {
    const end = Math.min(rows, start + PAGE);
    decisions.set(await score(candidates.subarray(start * dimensions, end * dimensions)), start);
  }
  const scored = performance.now();
  const pool = rankByUncertainty(decisions).slice(0, batchSize * POOL_FACTOR);
  // The worker loads the pool's vectors again from Postgres; here they are copied out of the candidates.
  const poolFeatures = new Float32Array(pool.length * dimensions);
  pool.forEach((row, k) => poolFeatures.set(candidates.subarray(row * dimensions, (row + 1) * dimensions), k * dimensions));
  const pooled = performance.now();
  const picked = selectDiverseBatch({
    decisions: Float64Array.from(pool, (row) => decisions[row] as number),
    features: poolFeatures,
    dimensions,
    groups: pool.map((row) => groups[row] ?? null),
    batchSize,
    poolFactor: Math.max(1, pool.length / batchSize),
  });
  const batch = picked.map((k) => pool[k] as number);
  const diverse = performance.now();
  const priorities = scorePriorities({ decisions, batch });
  const done = performance.now();
  const stages: Stages = {
    decisions: (scored - started) / 1000,
    pool: (pooled - scored) / 1000,
    diverse: (diverse - pooled) / 1000,
    priorities: (done - diverse) / 1000,
    total: (done - started) / 1000,
  };
  return { decisions, batch, priorities, stages };
}

// predictSvm per page is what suggest-frames.ts calls today; createCandidateScorer converts the support
// vectors once (and folds a linear model into one hyperplane) for the same decisions.
const sides: { name: string; score: Score }[] = [
  { name: "predictSvm", score: async (page) => (await predictSvm({ model, features: page })).decisions },
  { name: "scorer", score: createCandidateScorer(model) },
];
const kao: { name: string; run: Awaited<ReturnType<typeof kaoScoring>>; cpu: number | null }[] = [];
for (const side of sides) {
  say(`running kao's scoring (${side.name} per page of ${PAGE})…`);
  const measured = await measure(() => kaoScoring(side.score));
  kao.push({ name: side.name, run: measured.value, cpu: measured.cpuSeconds });
}
const reference = await runNumpy(model);
const stageNames = ["decisions", "pool", "diverse", "priorities", "total"] as const;
const describeStage = { decisions: "decision values", pool: "uncertain pool", diverse: "k-center batch", priorities: "priorities", total: "total" };
const ratio = (mine: number, theirs: number | undefined) => (theirs === undefined ? "n/a" : `${fixed(mine / theirs, 2)}×`);
say("");
say(
  table(
    ["stage", ...kao.map((side) => `kao ${side.name} s`), "numpy s", ...kao.map((side) => `${side.name} / numpy`)],
    stageNames.map((stage) => [
      describeStage[stage],
      ...kao.map((side) => fixed(side.run.stages[stage], 3)),
      reference ? fixed(reference.stages[stage], 3) : "n/a",
      ...kao.map((side) => ratio(side.run.stages[stage], reference?.stages[stage])),
    ]),
  ),
);
for (const side of kao) {
  say(`kao (${side.name}): ${fixed(side.run.stages.total, 2)} s wall, ${fixed(side.cpu, 1)} CPU s for ${rows.toLocaleString("en")} candidates (${fixed(rows / side.run.stages.total / 1000, 1)}k/s)`);
}
if (reference) {
  say(`numpy ${reference.version}: ${fixed(reference.stages.total, 2)} s wall, ${fixed(reference.cpuSeconds, 1)} CPU s`);
  for (const side of kao) {
    let largest = 0;
    for (let i = 0; i < rows; i++) largest = Math.max(largest, Math.abs((side.run.decisions[i] as number) - (reference.decisions[i] as number)));
    const same = side.run.batch.length === reference.batch.length && side.run.batch.every((row, k) => row === reference.batch[k]);
    const shared = side.run.batch.filter((row) => reference.batch.includes(row)).length;
    say(
      `kao (${side.name}) / numpy: ${ratio(side.run.stages.total, reference.stages.total)} wall time, ${side.cpu === null ? "n/a" : ratio(side.cpu, reference.cpuSeconds)} CPU time; ` +
        `largest decision difference ${largest.toExponential(2)}; batches ${same ? "identical ✓" : `differ ✗ (${shared} of ${side.run.batch.length} frames in both)`}`,
    );
  }
}

type NumpyRun = { version: string; stages: Stages; cpuSeconds: number; decisions: Float64Array; batch: number[] };

/** numpy's side with kao's model, or null (with the reason printed) when python3 has no numpy. */
async function runNumpy(svm: SvmModel): Promise<NumpyRun | null> {
  const probes = pythons.map((python) => ({ python, probe: spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" }) }));
  const found = probes.find(({ probe }) => probe.status === 0);
  if (found === undefined) {
    const why = probes.map(({ python, probe }) => `${python}: ${(probe.stderr || String(probe.error ?? "")).trim().split("\n").at(-1) ?? ""}`).join("; ");
    say(`\nnumpy: skipped: install python3-numpy (apt-get install -y python3-numpy) [${why}]`);
    return null;
  }
  say(`running the same scoring in numpy ${found.probe.stdout.trim()} (${found.python})…`);
  const folder = await mkdtemp(path.join(tmpdir(), "kao-bench-al-"));
  try {
    const supportVectors = svm.supportVectors instanceof Float32Array ? svm.supportVectors : Float32Array.from(svm.supportVectors);
    await writeFile(path.join(folder, "candidates.f32"), new Uint8Array(candidates.buffer, candidates.byteOffset, candidates.byteLength));
    await writeFile(path.join(folder, "scenes.i32"), new Uint8Array(scenes.buffer, scenes.byteOffset, scenes.byteLength));
    await writeFile(path.join(folder, "sv.f32"), new Uint8Array(supportVectors.buffer, supportVectors.byteOffset, supportVectors.byteLength));
    await writeFile(path.join(folder, "coef.f64"), new Uint8Array(svm.coefficients.buffer, svm.coefficients.byteOffset, svm.coefficients.byteLength));
    await writeFile(path.join(folder, "model.json"), JSON.stringify({ dimensions, kernel: svm.kernel, bias: svm.bias, batchSize, poolFactor: POOL_FACTOR }));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "active-learning-numpy.py");
    const run = spawnSync(found.python, [script, folder], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`numpy's scoring failed (${run.status ?? run.signal}):\n${run.stderr.trim().split("\n").slice(-8).join("\n")}`);
    const parsed = JSON.parse(run.stdout) as { version: string; stages: Stages; cpuSeconds: number; batch: number[] };
    const bytes = await readFile(path.join(folder, "decisions.f64"));
    const decisions = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (decisions.length !== rows) throw new Error(`numpy returned ${decisions.length} decisions for ${rows} candidates`);
    return { ...parsed, decisions };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
