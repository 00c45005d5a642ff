// The extraction benchmark's tables: throughput against the reference, what decoding costs after
// overlap, and every run with the load other processes put on the machine meanwhile.
import type { Observed } from "./extract-machine.ts";
import { SIDES, type BackboneThroughput, type Side, type ThroughputRow } from "./extract-throughput.ts";
import { fixed, table } from "./measure.ts";

export type BackboneResult = { label: string; size: number; throughput: BackboneThroughput };

export function printThroughputReport(options: { results: readonly BackboneResult[]; cores: number; say: (line: string) => void }): void {
  const { results, cores, say } = options;
  const rows = results.flatMap(({ label, throughput }) => throughput.rows.map((row) => summarise(label, throughput, row, cores)));
  say(
    table(
      ["backbone", "batch", "reference img/s", "kao img/s", "kao / reference"],
      rows.map((row) => [row.label, String(row.batch), fixed(row.rate.reference, 1), fixed(row.rate.kao, 1), fixed(row.rate.kao / row.rate.reference, 3)]),
    ),
  );
  say("reference: a bare onnxruntime-node session (its defaults, intra-op threads = cores) over tensors decoded beforehand;");
  say("kao: extractFeatures from the JPEG bytes on openSession's session. The fastest of each side's runs counts.");
  say("");
  say(
    table(
      ["backbone", "batch", "kao inference img/s", "kao / kao inference", "no-overlap img/s", "ceiling img/s", "kao / no-overlap", "kao / ceiling", "CPU ms/img ref · kao inf · kao", "others' load ref · kao"],
      rows.map((row) => [
        row.label,
        String(row.batch),
        fixed(row.rate.kaoInference, 1),
        fixed(row.rate.kao / row.rate.kaoInference, 3),
        fixed(row.sequentialRate, 1),
        fixed(row.ceilingRate, 1),
        fixed(row.rate.kao / row.sequentialRate, 3),
        fixed(row.ceilingRate === null ? null : row.rate.kao / row.ceilingRate, 3),
        SIDES.map((side) => fixed(row.cpuMs[side], 0)).join(" · "),
        [row.best.reference, row.best.kao].map(describeLoad).join(" · "),
      ]),
    ),
  );
  say("kao inference: the reference's loop on kao's own session. kao / kao inference: what decoding costs after overlap (1 = nothing).");
  say("no-overlap: 1 / (kao inference s/img + sequential decode s/img), kao's rate if decoding and inference took turns;");
  say("kao / no-overlap > 1 means they overlapped. ceiling: cores / (kao inference CPU s/img + decode CPU s/img), the most any");
  say("schedule reaches once the cores are full; kao / ceiling near 1 leaves only less CPU work per image to gain.");
  say("CPU ms/img: user + system time of this process (onnxruntime's spinning counts). others' load: share of all cores that other");
  say("processes used during the run counted; above ~10% it was disturbed, and two sides compare only at similar load.");
  say("");
  say(
    table(
      ["backbone", "input", "decode+resize ms/img (sequential, fastest run)", "of which to-tensor (JS) ms", "largest |kao − ref|", "largest value"],
      results.map(({ label, size, throughput }) => [
        label,
        `${size}×${size}`,
        fixed((fastest(throughput.decodeRuns).seconds * 1000) / throughput.images, 2),
        fixed(throughput.toTensorMs, 2),
        throughput.largestDifference.toExponential(1),
        fixed(throughput.largestValue, 2),
      ]),
    ),
  );
  say("every run, wall s (others' load):");
  for (const { label, throughput } of results) {
    for (const row of throughput.rows) say(`  ${label}, batch ${row.batch}: ${SIDES.map((side) => `${side} ${describeRuns(row.runs[side])}`).join("; ")}`);
    say(`  ${label}, sequential decoding: ${describeRuns(throughput.decodeRuns)}`);
  }
}

function summarise(label: string, throughput: BackboneThroughput, row: ThroughputRow, cores: number) {
  const { images } = throughput;
  const best: Record<Side, Observed<unknown>> = { reference: fastest(row.runs.reference), kaoInference: fastest(row.runs.kaoInference), kao: fastest(row.runs.kao) };
  const rate: Record<Side, number> = { reference: images / best.reference.seconds, kaoInference: images / best.kaoInference.seconds, kao: images / best.kao.seconds };
  const perImage = (seconds: number | null) => (seconds === null ? null : (seconds * 1000) / images);
  const cpuMs: Record<Side, number | null> = { reference: perImage(best.reference.cpuSeconds), kaoInference: perImage(best.kaoInference.cpuSeconds), kao: perImage(best.kao.cpuSeconds) };
  const decode = fastest(throughput.decodeRuns);
  const sequentialRate = 1 / ((best.kaoInference.seconds + decode.seconds) / images);
  const ceilingRate = best.kaoInference.cpuSeconds === null || decode.cpuSeconds === null ? null : (cores * images) / (best.kaoInference.cpuSeconds + decode.cpuSeconds);
  return { label, batch: row.batch, best, rate, cpuMs, sequentialRate, ceilingRate };
}

function describeLoad(run: Observed<unknown>): string {
  return run.othersShare === null ? "n/a" : `${fixed(run.othersShare * 100, 0)}%`;
}

function describeRuns(runs: readonly Observed<unknown>[]): string {
  return runs.map((run) => `${fixed(run.seconds, 2)}${run.othersShare === null ? "" : ` (${describeLoad(run)})`}`).join(", ");
}

/** The least disturbed run: other people's work only ever adds time. */
function fastest<T>(measured: readonly Observed<T>[]): Observed<T> {
  const [first] = [...measured].sort((a, b) => a.seconds - b.seconds);
  if (first === undefined) throw new Error("no runs");
  return first;
}
