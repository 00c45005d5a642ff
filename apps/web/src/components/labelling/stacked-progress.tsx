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
  label,
  compact = false,
  testId,
}: {
  done: number;
  inReview: number;
  open: number;
  label: string;
  compact?: boolean;
  testId?: string;
}) {
  const total = done + inReview + open;
  const text = `${done.toLocaleString("en")} done, ${inReview.toLocaleString("en")} in review, ${open.toLocaleString("en")} open`;
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
        <div className="h-full bg-emerald-500 transition-[width] duration-500" style={{ width: `${percentOf(done, total)}%` }} />
        <div className="h-full bg-amber-400 transition-[width] duration-500" style={{ width: `${percentOf(inReview, total)}%` }} />
      </div>
      {compact ? null : (
        <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 tabular-nums">
          <Legend className="bg-emerald-500">{done.toLocaleString("en")} done</Legend>
          <Legend className="bg-amber-400">{inReview.toLocaleString("en")} in review</Legend>
          <Legend className="bg-slate-300">{open.toLocaleString("en")} open</Legend>
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
