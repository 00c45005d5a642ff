import type { ReactNode } from "react";
import { frameCaption } from "@/components/labelling/frame-caption";
import { SPLIT_STYLE, SplitBadge } from "./split-bar";
import { ASSIGNED_SPLITS, type AssignedSplit, type LeakageFrame } from "./split-data";

// What both leakage reports (difference hash and CNN features) show the same way: pair counts per pair
// of splits, and example pairs side by side. `testId` prefixes the data-testids ("leakage", "feature-leakage").

interface PairCount {
  a: AssignedSplit;
  b: AssignedSplit;
  pairs: number;
}

export function LeakagePairCounts({ pairs, testId }: { pairs: PairCount[]; testId: string }) {
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Pairs by splits</h3>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid={`${testId}-pairs`}>
        {pairs.map((pair) => (
          <li
            key={`${pair.a}-${pair.b}`}
            className={`flex items-center justify-between gap-2 rounded-lg px-3 py-2 text-xs ring-1 ring-inset ${pair.pairs > 0 ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
            data-testid={`${testId}-pair-count`}
            data-a={pair.a}
            data-b={pair.b}
            data-pairs={pair.pairs}
          >
            <span className="inline-flex min-w-0 items-center gap-1">
              <span className={`size-2 shrink-0 rounded-full ${SPLIT_STYLE[pair.a].bar}`} aria-hidden="true" />
              {SPLIT_STYLE[pair.a].label}
              <span aria-label="and">↔</span>
              <span className={`size-2 shrink-0 rounded-full ${SPLIT_STYLE[pair.b].bar}`} aria-hidden="true" />
              {SPLIT_STYLE[pair.b].label}
            </span>
            <span className="font-semibold tabular-nums">{pair.pairs.toLocaleString("en")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ExamplePair {
  a: LeakageFrame;
  b: LeakageFrame;
  splitA: AssignedSplit;
  splitB: AssignedSplit;
}

/** Example pairs, the earlier split (train, validation, test, distinct) on the left so rows read alike. */
export function LeakageExamples<T extends ExamplePair>(props: {
  title: string;
  examples: T[];
  total: number;
  testId: string;
  /** The pair's closeness, shown between the two frames, and its data-* attributes. */
  measure: (example: T) => { value: ReactNode; unit: string; data: Record<`data-${string}`, string | number> };
}) {
  const { title, examples, total, testId, measure } = props;
  if (examples.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
        {examples.length < total ? ` (${examples.length} of ${total.toLocaleString("en")})` : ""}
      </h3>
      <ul className="grid gap-3 lg:grid-cols-2" data-testid={`${testId}-examples`}>
        {examples.map((example) => {
          const { value, unit, data } = measure(example);
          const [left, right] =
            ASSIGNED_SPLITS.indexOf(example.splitA) <= ASSIGNED_SPLITS.indexOf(example.splitB)
              ? ([[example.a, example.splitA], [example.b, example.splitB]] as const)
              : ([[example.b, example.splitB], [example.a, example.splitA]] as const);
          return (
            <li
              key={`${example.a.id}-${example.b.id}`}
              className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset"
              data-testid={`${testId}-example`}
              {...data}
            >
              <LeakFrame frame={left[0]} split={left[1]} />
              <div className="flex flex-col items-center text-center">
                <span className="text-lg font-bold text-slate-900 tabular-nums">{value}</span>
                <span className="text-[11px] text-slate-500">{unit}</span>
              </div>
              <LeakFrame frame={right[0]} split={right[1]} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function LeakFrame({ frame, split }: { frame: LeakageFrame; split: AssignedSplit }) {
  const caption = frameCaption(frame);
  return (
    <figure className="min-w-0">
      <img src={frame.thumbnailUrl} alt={caption} loading="lazy" className="aspect-video w-full rounded-md bg-slate-900 object-contain" />
      <figcaption className="mt-1.5 space-y-1">
        <SplitBadge split={split} />
        <p className="truncate text-xs text-slate-600" title={caption}>
          {caption}
        </p>
      </figcaption>
    </figure>
  );
}
