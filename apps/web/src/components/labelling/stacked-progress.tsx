import type { ReactNode } from "react";
import { percentOf } from "@/lib/labelling/agreement";

/**
 * Done / in review / open of a set of frames as one bar (green, amber, grey), with the counts as its
 * accessible text. `compact` leaves the legend out.
 */
export function StackedProgress({
  done,
  inReview,
  open,
  started = 0,
  label,
  compact = false,
  testId,
}: {
  done: number;
  inReview: number;
  open: number;
  /** Open frames that have some labels but need more (overlap above 1): a lighter part of the bar. */
  started?: number;
  label: string;
  compact?: boolean;
  testId?: string;
}) {
  const total = done + inReview + open;
  const begun = Math.max(0, Math.min(open, started));
  // A compact bar sits in a header or a table row that changes while someone works (the labelling
  // screen refreshes it every few decisions). A width transition is a layout animation, run on the
  // main thread for each frame of its 500 ms, the thread that must answer the next key: the compact
  // bar jumps to its new width instead.
  const grow = compact ? "" : "transition-[width] duration-500";
  const text = `${done.toLocaleString("en")} done, ${inReview.toLocaleString("en")} in review, ${open.toLocaleString("en")} open${begun ? ` (${begun.toLocaleString("en")} of them labelled, waiting for more labels)` : ""}`;
  return (
    <div className="min-w-0" data-testid={testId} data-done={done} data-review={inReview} data-open={open}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percentOf(done, total))}
        aria-valuetext={text}
        title={text}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset"
      >
        <div className={`h-full bg-emerald-500 ${grow}`} style={{ width: `${percentOf(done, total)}%` }} />
        <div className={`h-full bg-amber-400 ${grow}`} style={{ width: `${percentOf(inReview, total)}%` }} />
        <div className={`h-full bg-sky-300 ${grow}`} style={{ width: `${percentOf(begun, total)}%` }} />
      </div>
      {compact ? null : (
        <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 tabular-nums">
          <Legend className="bg-emerald-500">{done.toLocaleString("en")} done</Legend>
          <Legend className="bg-amber-400">{inReview.toLocaleString("en")} in review</Legend>
          {begun ? <Legend className="bg-sky-300">{begun.toLocaleString("en")} started</Legend> : null}
          <Legend className="bg-slate-300">{(open - begun).toLocaleString("en")} not started</Legend>
        </p>
      )}
    </div>
  );
}

function Legend({ className, children }: { className: string; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className={`size-2 rounded-full ${className}`} aria-hidden="true" />
      {children}
    </span>
  );
}
