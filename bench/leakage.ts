// The leakage benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/leakage.ts`).
// Seeds ~20,000 frames with dHashes and 1,024-dimensional feature vectors in one split version (with
// reruns of scenes across splits, bench/leakage-world.ts), starts the real API and times both leakage
// reports over GraphQL: `leakageReport` (dHash within 10 bits) and `featureLeakageReport` (cosine ≥ 0.95).
// References measured in the same run on the same data, in memory:
//   - dHash: a brute-force JavaScript loop over every cross-split pair (two popcounts each);
//   - features: numpy (BLAS, float32) products of each pair of splits' unit rows, counted against the
//     threshold, when python3 has numpy (skipped with a message otherwise); and @kao/ml's
//     findSimilarPairs on the same rows, to tell the database read from the arithmetic.
// Every side's pair counts are compared, so the ratios are between equal answers.
//
// Environment: BENCH_LEAK_FRAMES (default 20000), BENCH_LEAK_DIMENSIONS (1024), BENCH_LEAK_RUNS (3 timed
// runs per report, after one warm-up), DATABASE_URL to use a Postgres server instead of an embedded one,
// PYTHON (default: the first of python3 and /usr/bin/python3 that imports numpy).
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApiServer, type ApiServer } from "@kao/api";
import { createPrismaClient, type Db, type Split } from "@kao/db";
import { findSimilarPairs, normaliseRows } from "@kao/ml";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { makeLeakageWorld, seedLeakageWorld, type LeakageWorld } from "./leakage-world.ts";
import { fixed, measure, table } from "./measure.ts";

const whole = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${process.env[name]}`);
  return value;
};
const frames = whole("BENCH_LEAK_FRAMES", 20_000, 100);
const dimensions = whole("BENCH_LEAK_DIMENSIONS", 1024, 2);
const runs = whole("BENCH_LEAK_RUNS", 3, 1);
const MAX_DISTANCE = 10;
const THRESHOLD = 0.95;
const TOLERANCE = 1e-5; // @kao/ml's SIMILARITY_TOLERANCE: float32 products count from threshold − 1e-5
const SPLITS: Split[] = ["TRAIN", "VAL", "TEST"];
const pythons = process.env["PYTHON"] ? [process.env["PYTHON"]] : ["python3", "/usr/bin/python3"];
const say = (line: string) => console.log(line);

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-leak-"));
let database: TestDatabase | null = null;
let db: Db | null = null;
let server: ApiServer | null = null;
const cleanUp = async () => {
  await server?.close().catch((error: unknown) => console.error(`could not stop the API: ${String(error)}`));
  await db?.$disconnect().catch(() => undefined);
  await database?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
  await rm(temp, { recursive: true, force: true });
};

const DHASH = `query($id: ID!, $d: Int!) { leakageReport(splitVersionId: $id, maxDistance: $d, sample: 24) { crossSplitPairs pairs { a b pairs } } }`;
const FEATURES = `query($id: ID!, $b: ID!, $t: Float!) { featureLeakageReport(splitVersionId: $id, backboneId: $b, threshold: $t, sample: 24) { crossSplitPairs pairs { a b pairs } } }`;
type Report = { crossSplitPairs: number; pairs: { a: string; b: string; pairs: number }[] };

try {
  say(`kao leakage benchmark: ${frames.toLocaleString("en")} frames × ${dimensions} features, dHash within ${MAX_DISTANCE} bits, cosine ≥ ${THRESHOLD}`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  const world = makeLeakageWorld({ frames, dimensions, seed: 20261128 });
  say(`starting Postgres (${process.env["DATABASE_URL"] || process.env["TEST_DATABASE_URL"] ? "a new database on DATABASE_URL" : "embedded, in a temporary folder"})…`);
  database = await startTestDatabase();
  db = createPrismaClient({ connectionString: database.connectionString, max: 4 });
  const seeded = await measure(() => seedLeakageWorld(db as Db, world, dimensions));
  const { versionId, backboneId, token } = seeded.value;
  say(`seeded in ${fixed(seeded.seconds)} s: ${SPLITS.map((split) => `${split} ${world.splits.filter((s) => s === split).length}`).join(", ")}`);
  server = await createApiServer({
    db,
    sessionSecret: "bench-session-secret-0123456789abcdef0123456789",
    platform: { storage: createLocalStorage({ root: path.join(temp, "files") }), enqueueImport: () => Promise.reject(new Error("the leakage benchmark imports nothing")) },
  });
  const { url } = await server.listen(0);

  const ask = async (query: string, variables: Record<string, unknown>, field: string): Promise<Report> => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: Record<string, Report>; errors?: { message: string }[] };
    const report = body.data?.[field];
    if (body.errors?.length || !report) throw new Error(`${field} failed: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
    return report;
  };
  /** One warm-up (JIT, onnxruntime's session, Postgres's caches), then the median of `runs` timed calls. */
  const timeReport = async (query: string, variables: Record<string, unknown>, field: string) => {
    const report = await ask(query, variables, field);
    const seconds: number[] = [];
    for (let run = 0; run < runs; run++) seconds.push((await measure(() => ask(query, variables, field))).seconds);
    return { report, seconds: median(seconds) };
  };

  say("dHash report over GraphQL…");
  const dhash = await timeReport(DHASH, { id: versionId, d: MAX_DISTANCE }, "leakageReport");
  say("dHash brute force in memory…");
  const dhashReference = await measure(async () => bruteForceHashes(world));
  say("feature report over GraphQL…");
  const feature = await timeReport(FEATURES, { id: versionId, b: backboneId, t: THRESHOLD }, "featureLeakageReport");
  say("findSimilarPairs in memory…");
  const unit = splitRows(world);
  const inMemory = await measure(() => similarInMemory(unit));
  const numpy = await runNumpy(world);

  const counts = (report: Report) => Object.fromEntries(report.pairs.filter((pair) => pair.pairs > 0).map((pair) => [`${pair.a}/${pair.b}`, pair.pairs]));
  const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  say("");
  say(
    table(
      ["what", "kao s", "reference", "reference s", "kao / reference", "pairs", "same counts"],
      [
        ["dHash report (GraphQL)", fixed(dhash.seconds, 3), "JS brute force", fixed(dhashReference.seconds, 3), `${fixed(dhash.seconds / dhashReference.seconds, 2)}×`, String(dhash.report.crossSplitPairs), same(counts(dhash.report), dhashReference.value) ? "✓" : "✗"],
        [
          "feature report (GraphQL)",
          fixed(feature.seconds, 3),
          numpy ? "numpy" : "n/a",
          numpy ? fixed(numpy.seconds, 3) : "n/a",
          numpy ? `${fixed(feature.seconds / numpy.seconds, 2)}×` : "n/a",
          String(feature.report.crossSplitPairs),
          numpy ? (same(counts(feature.report), numpy.counts) ? "✓" : "✗") : "n/a",
        ],
        [
          "findSimilarPairs (memory)",
          fixed(inMemory.seconds, 3),
          numpy ? "numpy" : "n/a",
          numpy ? fixed(numpy.seconds, 3) : "n/a",
          numpy ? `${fixed(inMemory.seconds / numpy.seconds, 2)}×` : "n/a",
          String(Object.values(inMemory.value).reduce((sum, n) => sum + n, 0)),
          same(counts(feature.report), inMemory.value) ? "✓" : "✗",
        ],
      ],
    ),
  );
  say(`kao s: median of ${runs} runs after a warm-up; the GraphQL reports include reading the version's rows (and, for features, ${fixed((frames * dimensions * 4) / 2 ** 20, 0)} MiB of vectors) from Postgres.`);
} finally {
  await cleanUp();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Cross-split pairs within MAX_DISTANCE bits, every pair compared. */
function bruteForceHashes(world: LeakageWorld): Record<string, number> {
  const n = world.hashes.length;
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  world.hashes.forEach((hash, i) => {
    hi[i] = Number(BigInt.asIntN(32, hash >> 32n));
    lo[i] = Number(BigInt.asIntN(32, hash));
  });
  const split = Int8Array.from(world.splits, (s) => SPLITS.indexOf(s));
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (split[i] === split[j]) continue;
      if (popcount((hi[i] as number) ^ (hi[j] as number)) + popcount((lo[i] as number) ^ (lo[j] as number)) > MAX_DISTANCE) continue;
      const [a, b] = [split[i] as number, split[j] as number].sort();
      const key = `${SPLITS[a ?? 0]}/${SPLITS[b ?? 0]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return Object.fromEntries(counts);
}

function popcount(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Each split's rows, unit-normalised. */
function splitRows(world: LeakageWorld): Float32Array[] {
  return SPLITS.map((split) => {
    const rows = world.splits.flatMap((s, i) => (s === split ? [i] : []));
    const raw = new Float32Array(rows.length * dimensions);
    rows.forEach((row, k) => raw.set(world.features.subarray(row * dimensions, (row + 1) * dimensions), k * dimensions));
    return normaliseRows({ features: raw, dimensions });
  });
}

async function similarInMemory(unit: Float32Array[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let a = 0; a < SPLITS.length; a++) {
    for (let b = a + 1; b < SPLITS.length; b++) {
      const found = await findSimilarPairs({ left: unit[a] ?? new Float32Array(0), right: unit[b] ?? new Float32Array(0), dimensions, threshold: THRESHOLD, top: 24 });
      if (found.count > 0) counts[`${SPLITS[a]}/${SPLITS[b]}`] = found.count;
    }
  }
  return counts;
}

/** numpy's count of the same pairs, or null (with the reason printed) when python3 has no numpy. */
async function runNumpy(world: LeakageWorld): Promise<{ seconds: number; counts: Record<string, number> } | null> {
  const probes = pythons.map((python) => ({ python, probe: spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" }) }));
  const found = probes.find(({ probe }) => probe.status === 0);
  if (found === undefined) {
    say(`numpy: skipped: install python3-numpy (apt-get install -y python3-numpy) [${probes.map(({ python, probe }) => `${python}: ${(probe.stderr || String(probe.error ?? "")).trim().split("\n").at(-1) ?? ""}`).join("; ")}]`);
    return null;
  }
  say(`numpy ${found.probe.stdout.trim()} (${found.python}) in memory…`);
  const where = await mkdtemp(path.join(temp, "numpy-"));
  await writeFile(path.join(where, "features.f32"), new Uint8Array(world.features.buffer, world.features.byteOffset, world.features.byteLength));
  await writeFile(path.join(where, "splits.i8"), Int8Array.from(world.splits, (s) => SPLITS.indexOf(s)));
  await writeFile(path.join(where, "spec.json"), JSON.stringify({ dimensions, threshold: THRESHOLD - TOLERANCE, splits: SPLITS }));
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "leakage-numpy.py");
  const run = spawnSync(found.python, [script, where], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`numpy's count failed (${run.status ?? run.signal}):\n${run.stderr.trim().split("\n").slice(-8).join("\n")}`);
  return JSON.parse(run.stdout) as { seconds: number; counts: Record<string, number> };
}
