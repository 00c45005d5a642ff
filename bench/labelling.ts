// The labelling benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/labelling.ts`).
// Seeds 100,000 frames in one dataset, starts the real API over HTTP and lets 20 simulated labellers,
// each with its own API token, loop `nextFrames(count: 10)` + `submitLabels(10 decisions)`. The
// reference, measured in the same run under the same concurrency, is the trivial query `{ me { id } }`:
// authentication, GraphQL and HTTP with no labelling work, so the ratio shows what labelling adds.
// Afterwards it checks that the counts are exact (no duplicate annotations, labelCount in step).
//
// Environment: BENCH_LABEL_SECONDS (default 60) of labelling, BENCH_LABEL_FRAMES (100000),
// BENCH_LABELLERS (20), BENCH_LABEL_OVERLAP (1), DATABASE_URL to use a Postgres server (a throwaway
// database is created on it) instead of an embedded one.
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createApiServer, type ApiServer } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";
import { createLocalStorage } from "@kao/storage";
import { startTestDatabase, type TestDatabase } from "../test/support/database.ts";
import { seedLabellingWorld, verifyLabelling } from "./labelling-world.ts";
import { cleanUpOnce, fixed, measure, table } from "./measure.ts";

const whole = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${process.env[name]}`);
  return value;
};
const seconds = whole("BENCH_LABEL_SECONDS", 60, 5);
const frameCount = whole("BENCH_LABEL_FRAMES", 100_000, 1000);
const labellerCount = whole("BENCH_LABELLERS", 20, 1);
const overlap = whole("BENCH_LABEL_OVERLAP", 1, 1);
const referenceSeconds = Math.max(5, Math.round(seconds / 3));
const poolSize = 10; // the API's default KAO_DB_POOL_SIZE

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-label-"));
let database: TestDatabase | null = null;
let db: Db | null = null;
let apiDb: Db | null = null;
let server: ApiServer | null = null;
const cleanUp = cleanUpOnce(async () => {
  await server?.close().catch((error: unknown) => console.error(`could not stop the API: ${String(error)}`));
  await apiDb?.$disconnect().catch(() => undefined);
  await db?.$disconnect().catch(() => undefined);
  await database?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
  await rm(temp, { recursive: true, force: true });
});
const say = (line: string) => console.log(line);

type Timings = { ms: number[]; failures: string[] };
const timings = (): Timings => ({ ms: [], failures: [] });

/** POSTs one operation and records its latency; a GraphQL error counts as a failure, not a latency. */
async function post<T>(url: string, token: string, query: string, variables: Record<string, unknown>, into: Timings): Promise<T | null> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    into.failures.push(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    return null;
  }
  into.ms.push(performance.now() - started);
  return body.data;
}

const NEXT = `query($d: ID!) { nextFrames(datasetId: $d, count: 10) { frame { id } } }`;
const SUBMIT = `mutation($d: ID!, $decisions: [LabelDecisionInput!]!) { submitLabels(datasetId: $d, decisions: $decisions) { accepted { id } rejected { code } } }`;
const ME = `{ me { id } }`;
const LABELS = ["FACE", "FACE", "NO_FACE", "NO_FACE", "UNSURE"] as const;

try {
  say(`kao labelling benchmark: ${labellerCount} labellers × (nextFrames 10 + submitLabels 10) for ${seconds} s on ${frameCount.toLocaleString("en")} frames, overlap ${overlap}`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  say(`starting Postgres (${process.env["DATABASE_URL"] || process.env["TEST_DATABASE_URL"] ? "a new database on DATABASE_URL" : "embedded, in a temporary folder"})…`);
  database = await startTestDatabase();
  db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
  const seeded = await measure(() => seedLabellingWorld(db as Db, { frames: frameCount, labellers: labellerCount, overlap }));
  const world = seeded.value;
  say(`seeded ${frameCount.toLocaleString("en")} frames and ${labellerCount} labellers in ${fixed(seeded.seconds)} s`);

  apiDb = createPrismaClient({ connectionString: database.connectionString, max: poolSize });
  server = await createApiServer({
    db: apiDb,
    sessionSecret: "bench-session-secret-0123456789abcdef0123456789",
    platform: {
      storage: createLocalStorage({ root: path.join(temp, "files") }),
      enqueueImport: () => Promise.reject(new Error("the labelling benchmark imports nothing")),
    },
  });
  const { url } = await server.listen(0);
  say(`API at ${url} (database pool ${poolSize})`);

  const loop = async (duration: number, body: () => Promise<boolean>) => {
    const until = performance.now() + duration * 1000;
    while (performance.now() < until) if (!(await body())) return;
  };
  const labeller = (token: string, duration: number, next: Timings, submit: Timings, counts: { accepted: number; rejected: number }) =>
    loop(duration, async () => {
      const tasks = await post<{ nextFrames: { frame: { id: string } }[] }>(url, token, NEXT, { d: world.datasetId }, next);
      if (!tasks) return true;
      if (tasks.nextFrames.length === 0) return false; // the queue ran dry for this labeller
      const decisions = tasks.nextFrames.map((task, i) => ({
        frameId: task.frame.id,
        label: LABELS[Math.floor(Math.random() * LABELS.length)] ?? "FACE",
        rules: i % 3 === 0 ? world.ruleNames.slice(0, 1) : [],
        durationMs: 800 + Math.floor(Math.random() * 2000),
      }));
      const result = await post<{ submitLabels: { accepted: unknown[]; rejected: unknown[] } }>(url, token, SUBMIT, { d: world.datasetId, decisions }, submit);
      counts.accepted += result?.submitLabels.accepted.length ?? 0;
      counts.rejected += result?.submitLabels.rejected.length ?? 0;
      return true;
    });

  // Warm-up (not counted): module loading, Prisma's first queries, JIT.
  const warm = { accepted: 0, rejected: 0 };
  await Promise.all(world.labellers.slice(0, 2).map((who) => labeller(who.token, 2, timings(), timings(), warm)));
  await Promise.all(world.labellers.map((who) => loop(1, async () => (await post(url, who.token, ME, {}, timings()), true))));

  say(`reference: ${labellerCount} clients looping { me { id } } for ${referenceSeconds} s…`);
  const me = timings();
  const reference = await measure(() => Promise.all(world.labellers.map((who) => loop(referenceSeconds, async () => (await post(url, who.token, ME, {}, me), true)))));

  say(`labelling: ${labellerCount} labellers for ${seconds} s…`);
  const next = timings();
  const submit = timings();
  const counts = { accepted: 0, rejected: 0 };
  const run = await measure(() => Promise.all(world.labellers.map((who) => labeller(who.token, seconds, next, submit, counts))));

  const percentile = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN;
  const meP50 = percentile(me.ms, 50);
  const meP99 = percentile(me.ms, 99);
  const row = (name: string, t: Timings, elapsed: number) => [
    name,
    String(t.ms.length),
    fixed(t.ms.length / elapsed),
    fixed(percentile(t.ms, 50)),
    fixed(percentile(t.ms, 99)),
    `${fixed(percentile(t.ms, 50) / meP50, 2)}×`,
    `${fixed(percentile(t.ms, 99) / meP99, 2)}×`,
    String(t.failures.length),
  ];
  say("");
  say(
    table(
      ["operation", "calls", "calls/s", "p50 ms", "p99 ms", "p50 ×ref", "p99 ×ref", "errors"],
      [row("reference: { me { id } }", me, reference.seconds), row("nextFrames(count: 10)", next, run.seconds), row("submitLabels(10 decisions)", submit, run.seconds)],
    ),
  );
  say(`decisions: ${counts.accepted} accepted (${fixed(counts.accepted / run.seconds)}/s), ${counts.rejected} rejected, over ${fixed(run.seconds, 1)} s`);
  if (run.cpu) say(`CPU during labelling: Node (API + clients) ${fixed(run.cpu.node)} s, Postgres ${fixed(run.cpu.other)} s of ${fixed(run.seconds * availableParallelism())} core-seconds`);
  for (const [name, t] of [["me", me], ["nextFrames", next], ["submitLabels", submit]] as const) {
    if (t.failures.length) say(`${name} errors (first): ${t.failures[0]}`);
  }

  const verified = await verifyLabelling(db, world.datasetId, overlap);
  say(`frames by status: ${JSON.stringify(verified.frames)}; ${verified.annotations} annotations in the database`);
  if (verified.annotations !== counts.accepted + warm.accepted) verified.problems.push(`${counts.accepted + warm.accepted} decisions were accepted but ${verified.annotations} annotations exist`);
  if (verified.problems.length) {
    say(`✗ counts are not exact:\n  ${verified.problems.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    say("✓ counts are exact: one annotation per person and frame, never more than the overlap, labelCount and status in step");
  }
} finally {
  await cleanUp();
}
