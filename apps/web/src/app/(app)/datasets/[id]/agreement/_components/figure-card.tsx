import { agreementBand } from "@/lib/labelling/agreement";

/** One headline figure with its Landis & Koch words (or "not enough data"). */
export function FigureCard({ label, value, display, words = true, testId }: { label: string; value: number | null; display: string; words?: boolean; testId?: string }) {
  const band = agreementBand(value);
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200" data-testid={testId} data-value={value ?? ""}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 flex items-baseline gap-2">
        <span className={`text-lg font-semibold tabular-nums ${value === null ? "text-slate-400" : "text-slate-900"}`}>{display}</span>
        {words ? <span className={`text-xs font-medium ${value === null ? "text-slate-400" : "text-slate-600"}`}>{band.words}</span> : value === null ? <span className="text-xs text-slate-400">not enough data</span> : null}
      </dd>
    </div>
  );
}
