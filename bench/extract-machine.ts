// How busy the rest of the machine was during a measurement. The benchmark machines are shared, and a
// build or test run by someone else takes cores from onnxruntime and sharp alike: a run is only worth
// comparing with another when both saw a quiet machine, so every run reports what others used.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { measure, type Measured } from "./measure.ts";

const CLOCK_TICKS = 100; // USER_HZ, as in measure.ts

export type Observed<T> = Measured<T> & {
  /** CPU seconds the rest of the machine (everything but this process tree) used meanwhile, per core and second of wall time: 0 = idle, 1 = every core busy. */
  othersShare: number | null;
};

/** measure(), plus the share of the machine's cores that other processes used meanwhile (Linux; null elsewhere). */
export async function observe<T>(work: () => Promise<T>): Promise<Observed<T>> {
  const before = busySeconds();
  const measured = await measure(work);
  const after = busySeconds();
  if (before === null || after === null || measured.cpuSeconds === null || measured.seconds <= 0) return { ...measured, othersShare: null };
  const others = Math.max(0, after - before - measured.cpuSeconds);
  return { ...measured, othersShare: others / (measured.seconds * availableParallelism()) };
}

/** Busy CPU seconds of the whole machine since boot: every state of /proc/stat's first line but idle and iowait. */
function busySeconds(): number | null {
  if (process.platform !== "linux") return null;
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const [label, ...fields] = line.trim().split(/\s+/);
  if (label !== "cpu" || fields.length < 8) return null;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields.map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}
