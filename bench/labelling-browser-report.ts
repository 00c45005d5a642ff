// Prints the in-browser labelling benchmark's figures: the key → painted intervals of each decision
// and the references measured in the same run on the same page, with their ratios.
import { loadavg } from "node:os";
import type { PaintTimes, ProbeRecords } from "./labelling-browser-probe.ts";
import { decisionTimings, longFrameSummary, present, spread, type Spread } from "./labelling-browser-stats.ts";
import { fixed, table } from "./measure.ts";

export interface References {
  /** Gaps between consecutive animation frames, on the idle page before and after labelling. */
  rafBefore: number[];
  rafAfter: number[];
  /** A bare <img> of a picture never loaded before (what the page would cost without prefetch). */
  cold: PaintTimes[];
  /** The same pictures again, painted before at that size (the floor for any page). */
  cached: PaintTimes[];
  /** Other pictures loaded and decoded the way the page's ImagePrefetcher does, then shown. */
  prefetched: PaintTimes[];
}

const row = (name: string, values: Spread, digits = 1) => [name, String(values.n), fixed(values.p50, digits), fixed(values.p95, digits), fixed(values.p99, digits), fixed(values.max, digits)];
const ratio = (value: number, reference: number) => `${fixed(value / reference, 2)}×`;

export function reportLabellingLatency(options: {
  records: ProbeRecords;
  warmUp: number;
  /** Presses that came later than their pause (the frame was not painted yet). */
  late: number;
  /** The same keys on the bare page (labelling-browser-floor.ts). */
  floor: ProbeRecords;
  floorWarmUp: number;
  references: References;
  say: (line: string) => void;
}) {
  const { records, references, warmUp, late, say } = options;
  const measured = decisionTimings(records).slice(warmUp);
  const bare = decisionTimings(options.floor).slice(options.floorWarmUp);
  // The paint as the browser reports it (Element Timing); where the browser reports no render time
  // at all, the second animation frame after decode(), which comes up to a frame after the paint.
  const rendered = present(measured.map((d) => d.elementRender));
  const bareRendered = present(bare.map((d) => d.elementRender));
  const byRender = rendered.length > 0 && bareRendered.length > 0;
  const how = byRender ? "Element Timing render time" : "second animation frame after decode()";
  const paintedMs = byRender ? rendered : present(measured.map((d) => d.painted));
  const referenceMs = (times: PaintTimes[]) => (byRender ? present(times.map((t) => t.rendered)) : times.map((t) => t.painted));
  const painted = spread(paintedMs);
  const raf = spread([...references.rafBefore, ...references.rafAfter]);
  const cold = spread(referenceMs(references.cold));
  const cached = spread(referenceMs(references.cached));
  const prefetched = spread(referenceMs(references.prefetched));
  const floor = spread(byRender ? bareRendered : present(bare.map((d) => d.painted)));

  say("");
  say(`key press → next frame's picture, ms after the key (timed in the page), ${measured.length} decisions after ${warmUp} warm-up:`);
  say(
    table(
      ["interval", "n", "p50", "p95", "p99", "max"],
      [
        row("key → <img> of the next frame in the DOM", spread(measured.map((d) => d.swapped))),
        row("key → next animation frame begins", spread(present(measured.map((d) => d.nextFrame)))),
        row("key → picture painted (Element Timing)", spread(rendered)),
        row("key → decode() of the new <img> resolved", spread(present(measured.map((d) => d.decoded)))),
        row("key → 2nd animation frame after decode()", spread(present(measured.map((d) => d.painted)))),
        row("key → the page's own data-painted", spread(present(measured.map((d) => d.appPainted)))),
        row("input delay (event created → listener)", spread(measured.map((d) => d.inputDelay)), 2),
      ],
    ),
  );
  say("");
  say("references, same run: a bare <img> put where the page shows its frames, from a script, on the same page; then the same keys on a bare page:");
  const paintRows = (name: string, times: PaintTimes[]) => [
    row(`${name}: → painted (Element Timing)`, spread(present(times.map((t) => t.rendered)))),
    row(`${name}: → 2nd frame after decode()`, spread(times.map((t) => t.painted))),
  ];
  say(
    table(
      ["reference", "n", "p50", "p95", "p99", "max"],
      [
        row("one animation-frame round (before)", spread(references.rafBefore), 2),
        row("one animation-frame round (after)", spread(references.rafAfter), 2),
        row("no prefetch: never loaded → loaded", spread(references.cold.map((t) => t.loaded))),
        row("no prefetch: → decoded", spread(references.cold.map((t) => t.decoded))),
        ...paintRows("no prefetch", references.cold),
        ...paintRows("prefetched like the page", references.prefetched),
        ...paintRows("painted before", references.cached),
        row("bare page, same keys: key → <img> in the DOM", spread(bare.map((d) => d.swapped))),
        row("bare page: key → painted (Element Timing)", spread(bareRendered)),
        row("bare page: key → 2nd frame after decode()", spread(present(bare.map((d) => d.painted)))),
      ],
    ),
  );
  say("");
  say(`key → painted (${how}, ${painted.n} of ${measured.length} decisions): p50 ${fixed(painted.p50)} ms, p95 ${fixed(painted.p95)}, p99 ${fixed(painted.p99)}, max ${fixed(painted.max)}`);
  say(`  against one animation frame (${fixed(raf.p50, 2)} ms p50): p50 ${ratio(painted.p50, raf.p50)}, p95 ${ratio(painted.p95, raf.p50)}, p99 ${ratio(painted.p99, raf.p50)}, max ${ratio(painted.max, raf.p50)}`);
  say(`  against no prefetch (${fixed(cold.p50)} ms p50): p50 ${ratio(painted.p50, cold.p50)}, p95 ${ratio(painted.p95, cold.p95)} (p95 against p95)`);
  say(`  against a bare <img> prefetched the same way (${fixed(prefetched.p50)} ms p50): p50 ${ratio(painted.p50, prefetched.p50)}, p95 ${ratio(painted.p95, prefetched.p95)}`);
  say(`  against a bare <img> painted before (${fixed(cached.p50)} ms p50): p50 ${ratio(painted.p50, cached.p50)}, p95 ${ratio(painted.p95, cached.p95)}`);
  say(`  against the bare page with the same keys (${fixed(floor.p50)} ms p50, p95 ${fixed(floor.p95)}: what any page costs here): p50 ${ratio(painted.p50, floor.p50)}, p95 ${ratio(painted.p95, floor.p95)}`);
  const within = (limit: number) => paintedMs.filter((ms) => ms <= limit).length;
  say(`  painted within one frame (16.7 ms): ${within(16.7)} of ${painted.n}; within two (33.3 ms): ${within(33.3)}; picture already loaded when its <img> came (prefetched): ${measured.filter((d) => d.prefetched).length} of ${measured.length}`);
  if (late) say(`${late} presses came later than their pause because the frame was not painted yet`);

  const long = longFrameSummary(records, records.presses[warmUp]?.at ?? 0, Number.POSITIVE_INFINITY);
  const top = long.top.map(([name, ms]) => `${name} ${fixed(ms)} ms`).join(", ");
  say(`long animation frames (> 50 ms) while labelling: ${long.count}, longest ${fixed(long.longest)} ms, ${fixed(long.blocking)} ms blocking in all${top ? `; scripts that ran longest in them: ${top}` : ""}`);
  for (const error of records.errors) say(`probe: ${error}`);
  const decodeErrors = records.frames.filter((frame) => frame.decodeError !== null);
  if (decodeErrors.length) say(`decode() failed for ${decodeErrors.length} frames (first: ${decodeErrors[0]?.decodeError})`);
  say(`load at the end ${loadavg().map((load) => load.toFixed(1)).join(" ")} (a busy machine stretches every figure here, the references too)`);
}
