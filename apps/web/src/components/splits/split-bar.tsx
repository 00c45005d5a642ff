import { plural } from "@/lib/format";
import { percentOf } from "@/lib/labelling/agreement";
import { orderedSplits, type AssignedSplit, type SplitCount } from "./split-data";

/** One colour per split, the same on every splits screen (bar, legend, badges). */
export const SPLIT_STYLE: Record<AssignedSplit, { label: string; bar: string; badge: string }> = {
  TRAIN: { label: "Train", bar: "bg-indigo-500", badge: "bg-indigo-50 text-indigo-700 ring-indigo-600/20" },
  VAL: { label: "Validation", bar: "bg-sky-400", badge: "bg-sky-50 text-sky-700 ring-sky-600/20" },
  TEST: { label: "Test", bar: "bg-amber-400", badge: "bg-amber-50 text-amber-800 ring-amber-600/20" },
  DISTINCT: { label: "Distinct test", bar: "bg-fuchsia-500", badge: "bg-fuchsia-50 text-fuchsia-700 ring-fuchsia-600/20" },
};

export function SplitBadge({ split }: { split: AssignedSplit }) {
  const style = SPLIT_STYLE[split];
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}>{style.label}</span>;
}

/**
 * A version's frames per split as one bar (train, validation, test, distinct), with the counts as its
 * accessible text and, unless `compact`, a legend with counts and shares.
 */
export function SplitBar({ splits, label, compact = false, testId }: { splits: readonly SplitCount[]; label: string; compact?: boolean; testId?: string }) {
  const counts = orderedSplits(splits);
  const total = counts.reduce((sum, count) => sum + count.frames, 0);
  const frames = (split: AssignedSplit) => counts.find((count) => count.split === split)?.frames ?? 0;
  const text = counts.map((count) => `${SPLIT_STYLE[count.split].label} ${count.frames.toLocaleString("en")}`).join(", ");
  return (
    <div className="min-w-0" data-testid={testId} data-train={frames("TRAIN")} data-val={frames("VAL")} data-test={frames("TEST")} data-distinct={frames("DISTINCT")}>
      <div role="img" aria-label={`${label}: ${text}`} title={text} className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset">
        {counts.map((count) => (
          <div key={count.split} className={`h-full ${SPLIT_STYLE[count.split].bar}`} style={{ width: `${percentOf(count.frames, total)}%` }} />
        ))}
      </div>
      {compact ? null : (
        <ul className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 tabular-nums">
          {counts.map((count) => (
            <li key={count.split} className="inline-flex items-center gap-1">
              <span className={`size-2 rounded-full ${SPLIT_STYLE[count.split].bar}`} aria-hidden="true" />
              {SPLIT_STYLE[count.split].label} {count.frames.toLocaleString("en")}
              {total > 0 ? <span className="text-slate-400">({Math.round(percentOf(count.frames, total))}%)</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `1,204 frames: 578 train · 241 validation · …` for places without room for a bar. */
export function splitSummary(splits: readonly SplitCount[]): string {
  const counts = orderedSplits(splits);
  const total = counts.reduce((sum, count) => sum + count.frames, 0);
  return `${plural(total, "frame")}: ${counts.map((count) => `${count.frames.toLocaleString("en")} ${SPLIT_STYLE[count.split].label.toLowerCase()}`).join(" · ")}`;
}
