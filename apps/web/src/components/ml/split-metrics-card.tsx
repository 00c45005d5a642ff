import type { MetricSplit, SplitMetricsDetail } from "./ml-data";
import { SPLIT_TEXT, correctCount, formatScore } from "./results";

const SPLIT_DOT: Record<MetricSplit, string> = { train: "bg-indigo-500", val: "bg-sky-400", test: "bg-amber-400", distinct: "bg-fuchsia-500" };

/**
 * How a run did on one split: the confusion matrix (FACE is the positive class; rows the consensus
 * label, columns the prediction) and the figures derived from it.
 */
export function SplitMetricsCard({ split, metrics }: { split: MetricSplit; metrics: SplitMetricsDetail | null }) {
  return (
    <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="split-metrics" data-split={split} aria-label={`${SPLIT_TEXT[split]} results`}>
      <header className="flex items-baseline justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h3 className="inline-flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span className={`size-2.5 rounded-full ${SPLIT_DOT[split]}`} aria-hidden="true" />
          {SPLIT_TEXT[split]}
        </h3>
        {metrics ? (
          <span className="text-xs text-slate-500 tabular-nums">
            {correctCount(metrics)} of {metrics.count.toLocaleString("en")} right
          </span>
        ) : null}
      </header>
      {metrics ? (
        <div className="space-y-4 px-4 py-4">
          <ConfusionMatrix confusion={metrics.confusion} split={split} />
          <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-xs">
            <Figure label="Accuracy" value={metrics.accuracy} testId="accuracy" />
            <Figure label="Balanced" value={metrics.balancedAccuracy} testId="balanced-accuracy" />
            <Figure label="F1" value={metrics.f1} testId="f1" />
            <Figure label="Precision" value={metrics.precision} testId="precision" />
            <Figure label="Recall" value={metrics.recall} testId="recall" />
            <Figure label="Specificity" value={metrics.specificity} testId="specificity" />
          </dl>
        </div>
      ) : (
        <p className="px-4 py-6 text-center text-xs text-slate-500">No labelled frames with features in this split.</p>
      )}
    </section>
  );
}

function ConfusionMatrix({ confusion, split }: { confusion: SplitMetricsDetail["confusion"]; split: MetricSplit }) {
  const cells = [
    [confusion.truePositives, confusion.falseNegatives],
    [confusion.falsePositives, confusion.trueNegatives],
  ] as const;
  const max = Math.max(1, confusion.truePositives, confusion.falseNegatives, confusion.falsePositives, confusion.trueNegatives);
  return (
    <table className="w-full text-center text-xs" aria-label={`Confusion matrix, ${SPLIT_TEXT[split]}`}>
      <thead>
        <tr className="text-slate-500">
          <td />
          <th scope="col" className="pb-1 font-medium">
            Predicted face
          </th>
          <th scope="col" className="pb-1 font-medium">
            Predicted no face
          </th>
        </tr>
      </thead>
      <tbody>
        {(["Face", "No face"] as const).map((truth, row) => (
          <tr key={truth}>
            <th scope="row" className="pr-2 text-right font-medium whitespace-nowrap text-slate-500">
              {truth}
            </th>
            {cells[row]?.map((count, column) => {
              const right = row === column;
              const strength = count / max;
              return (
                <td key={column} className="p-0.5">
                  <div
                    className={`rounded-md py-2 text-base font-semibold tabular-nums ring-1 ring-inset ${right ? "text-emerald-900 ring-emerald-200" : count > 0 ? "text-red-800 ring-red-200" : "text-slate-400 ring-slate-200"}`}
                    style={{ backgroundColor: right ? `rgba(16, 185, 129, ${0.08 + 0.3 * strength})` : count > 0 ? `rgba(239, 68, 68, ${0.08 + 0.3 * strength})` : undefined }}
                    data-testid={`cell-${row === 0 ? "face" : "no-face"}-${column === 0 ? "face" : "no-face"}`}
                  >
                    {count.toLocaleString("en")}
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-sm font-semibold text-slate-900 tabular-nums" data-testid={testId} data-value={value}>
        {formatScore(value)}
      </dd>
    </div>
  );
}
