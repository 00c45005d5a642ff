// The load benchmark's figures and verdict: one table of latencies against the phase's reference, one
// of throughput, jobs and connections, and every reason the run does not count as "no errors".
import { percentile, type JobTally, type Timings } from "./load-clients.ts";
import { fixed, table } from "./measure.ts";

export interface PhaseResult {
  name: string;
  me: Timings;
  next: Timings;
  submit: Timings;
  /** The admin's calls: uploads, createDataset, createImport, startTraining, job polls. */
  admin: Timings;
  referenceSeconds: number;
  labellingSeconds: number;
  accepted: number;
  imports: JobTally;
  trainings: JobTally;
  connections: { peak: number; max: number; apiPool: number; workerPool: number };
  cpu: string;
  /** Error lines the API and the worker logged during the phase. */
  loggedErrors: string[];
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function printTables(results: readonly PhaseResult[], say: (line: string) => void) {
  const rows: string[][] = [];
  for (const result of results) {
    const meP50 = percentile(result.me.ms, 50);
    const meP99 = percentile(result.me.ms, 99);
    const row = (name: string, t: Timings, elapsed: number) => [
      `${result.name}: ${name}`,
      String(t.ms.length),
      fixed(t.ms.length / elapsed),
      fixed(percentile(t.ms, 50)),
      fixed(percentile(t.ms, 99)),
      `${fixed(percentile(t.ms, 50) / meP50, 2)}×`,
      `${fixed(percentile(t.ms, 99) / meP99, 2)}×`,
      String(t.failures.length),
    ];
    rows.push(row("{ me { id } } (reference)", result.me, result.referenceSeconds), row("nextFrames(count: 10)", result.next, result.labellingSeconds), row("submitLabels(10)", result.submit, result.labellingSeconds));
  }
  say("");
  say(table(["phase: operation", "calls", "calls/s", "p50 ms", "p99 ms", "p50 ×ref", "p99 ×ref", "errors"], rows));
  say("");
  const jobs = (t: JobTally) => `${t.succeeded} ok${t.seconds.length ? ` (mean ${fixed(mean(t.seconds))} s)` : ""}, ${t.failed.length} failed`;
  say(
    table(
      ["phase", "decisions", "decisions/s", "imports", "trainings", "admin calls (errors)", "connections peak / max", "pools API / worker"],
      results.map((result) => [
        result.name,
        String(result.accepted),
        fixed(result.accepted / result.labellingSeconds),
        jobs(result.imports),
        jobs(result.trainings),
        `${result.admin.ms.length} (${result.admin.failures.length})`,
        `${result.connections.peak} / ${result.connections.max}`,
        `${result.connections.apiPool} / ${result.connections.workerPool}`,
      ]),
    ),
  );
  for (const result of results) say(`CPU during "${result.name}" labelling: ${result.cpu}`);
  const [normal, low] = results;
  if (normal && low) {
    const ratio = (pick: (result: PhaseResult) => Timings, p: number) => `${fixed(percentile(pick(low).ms, p) / percentile(pick(normal).ms, p), 2)}×`;
    say(
      `${low.name} against ${normal.name}: nextFrames p50 ${ratio((r) => r.next, 50)}, p99 ${ratio((r) => r.next, 99)}; submitLabels p50 ${ratio((r) => r.submit, 50)}, p99 ${ratio((r) => r.submit, 99)}; { me { id } } p50 ${ratio((r) => r.me, 50)}`,
    );
  }
}

/** Why the run is not "no errors, jobs done": failed calls, failed or missing jobs, errors in the logs. */
export function problemsOf(results: readonly PhaseResult[]): string[] {
  const problems: string[] = [];
  for (const result of results) {
    for (const [name, t] of [["me", result.me], ["nextFrames", result.next], ["submitLabels", result.submit], ["admin", result.admin]] as const) {
      if (t.failures.length) problems.push(`${result.name}: ${t.failures.length} ${name} errors, first: ${t.failures[0]}`);
    }
    for (const failure of [...result.imports.failed, ...result.trainings.failed]) problems.push(`${result.name}: ${failure}`);
    if (result.loggedErrors.length) problems.push(`${result.name}: the API and the worker logged ${result.loggedErrors.length} errors, first: ${result.loggedErrors[0]}`);
    if (!result.imports.succeeded || !result.trainings.succeeded) problems.push(`${result.name}: no import or no training finished during the phase`);
  }
  return problems;
}
