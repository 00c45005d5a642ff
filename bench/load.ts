// The load benchmark (one of the scripts `npm run bench` runs; alone: `node --import tsx bench/load.ts`).
// 50 labellers, each an HTTP client with its own API token, loop nextFrames(10) + submitLabels on a
// 100,000-frame dataset (overlap 2) while an admin keeps an import (a generated video) and a training
// job (the paper's kernel grid) running through a real worker. The API and the worker run as their own
// processes, as `npm start` runs them. Two phases on the same data:
//   1. default limits: API pool 10, worker pool 5, Postgres max_connections 100;
//   2. low limits: API pool 2, worker pool 2, Postgres restarted with max_connections 16, so that 50
//      clients queue for 2 connections: latency goes up, errors must stay at 0.
// Each phase measures its reference, `{ me { id } }` from the same 50 clients under the same
// background jobs, so the ratios show what labelling adds. After each phase the counts must be exact:
// every annotation the API reported is in the database and nothing else is, nobody labelled a frame
// twice, no frame has more labels than the overlap, labelCount and status are in step.
//
// Environment: BENCH_LOAD_SECONDS (default 120) of labelling per phase, BENCH_LOAD_FRAMES (100000),
// BENCH_LOAD_LABELLERS (50). Always an embedded Postgres (phase 2 restarts it with another setting).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { jobTally, keepImporting, keepTraining, labeller, reference, tally, timings, type LabelTally, type Timings } from "./load-clients.ts";
import { printTables, problemsOf, type PhaseResult } from "./load-report.ts";
import { connectionStats, errorLines, sampleConnections, startKao, startRestartablePostgres, tailOf, type Kao } from "./load-stack.ts";
import { checkCounts, makeImportVideo, seedAdmin, seedTrainingSet } from "./load-world.ts";
import { seedLabellingWorld } from "./labelling-world.ts";
import { cleanUpOnce, fixed, measure } from "./measure.ts";

const whole = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${process.env[name]}`);
  return value;
};
const seconds = whole("BENCH_LOAD_SECONDS", 120, 5);
const frameCount = whole("BENCH_LOAD_FRAMES", 100_000, 1000);
const labellerCount = whole("BENCH_LOAD_LABELLERS", 50, 1);
const overlap = 2;
const referenceSeconds = Math.max(5, Math.round(seconds / 4));
const PHASES = [
  { name: "default limits", apiPool: 10, workerPool: 5, maxConnections: 100 },
  { name: "low limits", apiPool: 2, workerPool: 2, maxConnections: 16 },
] as const;

const temp = await mkdtemp(path.join(tmpdir(), "kao-bench-load-"));
// Postgres runs as the `postgres` user when we are root; it must be able to enter the folder.
await chmod(temp, 0o755);
let postgres: Awaited<ReturnType<typeof startRestartablePostgres>> | null = null;
let db: Db | null = null;
/** The API and worker of the phase in progress, for clean-up and error logs. */
const running: { kao: Kao | null } = { kao: null };
const cleanUp = cleanUpOnce(async () => {
  await running.kao?.stop().catch((error: unknown) => console.error(`could not stop the API or the worker: ${String(error)}`));
  await db?.$disconnect().catch(() => undefined);
  await postgres?.stop().catch((error: unknown) => console.error(`could not stop Postgres: ${String(error)}`));
  await rm(temp, { recursive: true, force: true });
});
const say = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

interface Setting {
  db: Db;
  connectionString: string;
  world: Awaited<ReturnType<typeof seedLabellingWorld>>;
  admin: { token: string };
  video: string;
  trainingSet: Awaited<ReturnType<typeof seedTrainingSet>>;
  /** Everything the labellers were told, over both phases. */
  tally: LabelTally;
  /** Frames each labeller (by id) has labelled. */
  done: Map<string, Set<string>>;
}

async function runPhase(phase: (typeof PHASES)[number], ctx: Setting): Promise<PhaseResult> {
  say(`\n— phase "${phase.name}": API pool ${phase.apiPool}, worker pool ${phase.workerPool}, Postgres max_connections ${phase.maxConnections}; load ${load()}`);
  const kao = (running.kao = await startKao({ connectionString: ctx.connectionString, dataDir: path.join(temp, "data"), logDir: path.join(temp, "logs"), apiPool: phase.apiPool, workerPool: phase.workerPool, label: phase.name.replace(/\W+/g, "-") }));
  const { url, origin } = kao;
  const doneOf = (id: string) => ctx.done.get(id) ?? new Set<string>();
  const labellers = (duration: number, next: Timings, submit: Timings) =>
    Promise.all(ctx.world.labellers.map((who) => labeller({ url, token: who.token, datasetId: ctx.world.datasetId, ruleNames: ctx.world.ruleNames, seconds: duration, next, submit, tally: ctx.tally, done: doneOf(who.id) })));

  // Warm-up (not timed, but its labels count): module loading, Prisma's first queries, JIT.
  const warm = timings();
  await labellers(2, warm, warm);

  const admin = timings();
  const imports = jobTally();
  const trainings = jobTally();
  let stopped = false;
  const isStopped = () => stopped;
  const background = Promise.all([
    keepImporting({ origin, token: ctx.admin.token, video: ctx.video, ops: admin, jobs: imports, isStopped }),
    keepTraining({ url, token: ctx.admin.token, set: ctx.trainingSet, Cs: [0.1, 1, 10], ops: admin, jobs: trainings, isStopped }),
  ]);
  const stopSampling = sampleConnections(ctx.db);
  // Let both jobs get going (the worker looks for new jobs every 2 s) before anything is timed.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  say(`reference: ${labellerCount} clients looping { me { id } } for ${referenceSeconds} s, with the import and the training running…`);
  const me = timings();
  const ref = await measure(() => Promise.all(ctx.world.labellers.map((who) => reference(url, who.token, referenceSeconds, me))));

  say(`labelling: ${labellerCount} labellers for ${seconds} s, with the import and the training running…`);
  const next = timings();
  const submit = timings();
  const before = ctx.tally.acceptedReports;
  const run = await measure(() => labellers(seconds, next, submit));
  const accepted = ctx.tally.acceptedReports - before;
  // Errors in the warm-up are errors too (their latencies are not figures).
  next.failures.push(...warm.failures);

  stopped = true;
  say("waiting for the running import and training job to finish…");
  await background;
  const sampled = await stopSampling();
  await kao.stop();
  running.kao = null;
  const loggedErrors = [...(await errorLines(kao.api.log)).map((line) => `api: ${line}`), ...(await errorLines(kao.worker.log)).map((line) => `worker: ${line}`)];
  const cpu = run.cpu ? `Node (clients) ${fixed(run.cpu.node)} s, API + worker + Postgres + ffmpeg ${fixed(run.cpu.other + run.cpu.tools)} s of ${fixed(run.seconds * availableParallelism())} core-seconds` : "n/a";
  return { name: phase.name, me, next, submit, admin, referenceSeconds: ref.seconds, labellingSeconds: run.seconds, accepted, imports, trainings, connections: { ...sampled, apiPool: phase.apiPool, workerPool: phase.workerPool }, cpu, loggedErrors };
}

try {
  say(`kao load benchmark: ${labellerCount} labellers × (nextFrames 10 + submitLabels 10) for ${seconds} s per phase on ${frameCount.toLocaleString("en")} frames (overlap ${overlap}), with an import and a training job running`);
  say(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load average ${load()} (the machine may be shared)`);
  postgres = await startRestartablePostgres(path.join(temp, "pg"));
  await migrate({ connectionString: postgres.connectionString });
  db = createPrismaClient({ connectionString: postgres.connectionString, max: 2 });
  const seeded = await measure(async () => ({
    world: await seedLabellingWorld(db as Db, { frames: frameCount, labellers: labellerCount, overlap }),
    trainingSet: await seedTrainingSet(db as Db, { frames: 1500, dims: 128 }),
    admin: await seedAdmin(db as Db),
    video: await makeImportVideo(temp, 60),
  }));
  say(`seeded ${frameCount.toLocaleString("en")} frames, ${labellerCount} labellers, 1,500 training vectors and a 60 s video in ${fixed(seeded.seconds)} s`);
  const ctx = { ...seeded.value, db, connectionString: postgres.connectionString, tally: tally(), done: new Map(seeded.value.world.labellers.map((who) => [who.id, new Set<string>()])) };

  const results: PhaseResult[] = [];
  const checks = [];
  for (const phase of PHASES) {
    if (phase.maxConnections !== (await connectionStats(postgres.connectionString)).max) {
      await db.$disconnect();
      await postgres.restartWith(phase.maxConnections);
      db = createPrismaClient({ connectionString: postgres.connectionString, max: 2 });
      ctx.db = db;
    }
    results.push(await runPhase(phase, ctx));
    checks.push(await checkCounts(db, ctx.world.datasetId, overlap, ctx.tally));
  }

  printTables(results, say);
  const problems = problemsOf(results);
  for (const problem of problems) say(`✗ ${problem}`);
  let failed = problems.length > 0;
  if (ctx.tally.empty) say(`note: nextFrames answered with no frames ${ctx.tally.empty} times (free frames held by other labellers' requests at that moment); the labeller asked again`);
  for (const [i, check] of checks.entries()) {
    say(`after "${results[i]?.name}": ${check.annotations} annotations, frames by status ${JSON.stringify(check.frames)}`);
    if (check.problems.length) {
      failed = true;
      say(`✗ counts are not exact:\n  ${check.problems.join("\n  ")}`);
    }
  }
  if (!failed) say(`✓ no errors; counts exact: ${ctx.tally.acceptedIds.size} decisions accepted = annotations stored, one per person and frame, never more than ${overlap} per frame`);
  else process.exitCode = 1;
  say(`load average at the end: ${load()}`);
} catch (error) {
  if (running.kao) for (const proc of [running.kao.api, running.kao.worker]) console.error(`--- ${proc.name} log:\n${await tailOf(proc.log)}`);
  throw error;
} finally {
  await cleanUp();
}
