// Figures for the in-browser labelling benchmark: percentiles, and the per-decision intervals read
// from the page's records.
import type { FrameRecord, ProbeRecords } from "./labelling-browser-probe.ts";

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles; NaN everywhere for no values. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN };
}

/** One decision: its key press and the next frame coming on screen, in ms after the press. */
export interface DecisionTiming {
  frameId: string;
  /** Was the picture already loaded (prefetched) when its <img> entered the DOM? */
  prefetched: boolean;
  /** The page's capturing keydown listener ran this long after the event was created (input delay). */
  inputDelay: number;
  swapped: number;
  /** The first animation frame after the key began (the soonest anything it changes can be painted). */
  nextFrame: number | null;
  decoded: number | null;
  firstRaf: number | null;
  painted: number | null;
  appPainted: number | null;
  /** Element Timing API render time of the picture, where the browser reported one. */
  elementRender: number | null;
}

/** The frames that came on screen after a key press, in order; the first frame (no press) is left out. */
export function decisionTimings(records: ProbeRecords): DecisionTiming[] {
  const after = (keyAt: number, time: number | null) => (time === null ? null : time - keyAt);
  return records.frames.flatMap((frame: FrameRecord) => {
    const press = records.presses[frame.press];
    if (frame.keyAt === null || !press) return [];
    return [
      {
        frameId: frame.frameId,
        prefetched: frame.completeAtSwap,
        inputDelay: press.at - press.eventTimeStamp,
        swapped: frame.swappedAt - frame.keyAt,
        nextFrame: after(frame.keyAt, press.nextFrameAt),
        decoded: after(frame.keyAt, frame.decodedAt),
        firstRaf: after(frame.keyAt, frame.firstRafAt),
        painted: after(frame.keyAt, frame.paintedAt),
        appPainted: after(frame.keyAt, frame.appPaintedAt),
        elementRender: after(frame.keyAt, records.elementTimings[frame.frameId] ?? null),
      },
    ];
  });
}

export const present = (values: readonly (number | null)[]): number[] => values.filter((value): value is number => value !== null);

/** Long animation frames between `from` and `to`, and the script entry points that ran longest in them. */
export function longFrameSummary(records: ProbeRecords, from: number, to: number) {
  const frames = records.longFrames.filter((frame) => frame.startTime >= from && frame.startTime <= to);
  const byInvoker = new Map<string, number>();
  for (const frame of frames) {
    for (const script of frame.scripts) {
      const name = script.sourceFunctionName ? `${script.invoker} (${script.sourceFunctionName})` : script.invoker;
      byInvoker.set(name, (byInvoker.get(name) ?? 0) + script.duration);
    }
  }
  const top = [...byInvoker].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { count: frames.length, longest: Math.max(0, ...frames.map((frame) => frame.duration)), blocking: frames.reduce((sum, frame) => sum + frame.blockingDuration, 0), top };
}
