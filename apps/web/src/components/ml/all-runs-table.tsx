import Link from "next/link";
import { Badge } from "@/components/badge";
import { METRIC_SPLITS, type RunSummary } from "./ml-data";
import { PAPER_KERNELS, SPLIT_TEXT, formatC, formatScore, kernelLabel } from "./results";

const kernelOrder = (variant: string) => {
  const index = PAPER_KERNELS.findIndex((choice) => choice.key === variant);
  return index === -1 ? PAPER_KERNELS.length : index;
};

/** Every configuration of the grid (each kernel with each C), by kernel then C: what the tables chose from. */
export function AllRunsTable({ datasetId, runs }: { datasetId: string; runs: RunSummary[] }) {
  const sorted = [...runs].sort((a, b) => a.backbone.name.localeCompare(b.backbone.name) || kernelOrder(a.variant) - kernelOrder(b.variant) || (a.C ?? 0) - (b.C ?? 0));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="all-runs">
        <thead>
          <tr className="border-b border-slate-100 text-left text-xs text-slate-500">
            <th scope="col" className="px-5 py-2 font-medium">
              Kernel
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              C
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium" title="Support vectors">
              SVs
            </th>
            {METRIC_SPLITS.map((split) => (
              <th key={split} scope="col" className="px-2 py-2 text-right font-medium">
                {SPLIT_TEXT[split]}
              </th>
            ))}
            <th scope="col" className="px-5 py-2 text-right font-medium">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((run) => (
            <tr key={run.id} className={run.selected ? "bg-indigo-50/70" : undefined} data-testid="grid-run" data-run-id={run.id}>
              <th scope="row" className="px-5 py-2 text-left font-medium whitespace-nowrap text-slate-800">
                {kernelLabel(run.variant)}
                {runs.some((other) => other.backbone.id !== run.backbone.id) ? <span className="ml-1.5 text-xs font-normal text-slate-500">{run.backbone.name}</span> : null}
              </th>
              <td className="px-2 py-2 text-right font-mono text-xs text-slate-600">{formatC(run.C)}</td>
              <td className="px-2 py-2 text-right text-slate-600 tabular-nums">{run.supportCount?.toLocaleString("en") ?? "—"}</td>
              {METRIC_SPLITS.map((split) => {
                const score = run.metrics?.[split];
                return (
                  <td key={split} className="px-2 py-2 text-right text-slate-800 tabular-nums" title={score ? `balanced accuracy ${formatScore(score.balancedAccuracy)}` : undefined}>
                    {formatScore(score?.accuracy)}
                  </td>
                );
              })}
              <td className="px-5 py-2 text-right whitespace-nowrap">
                <span className="inline-flex items-center gap-2">
                  {run.published ? <Badge tone="green">Published</Badge> : null}
                  {run.hasModel ? null : (
                    <span className="text-xs text-slate-400" title="Only the best C of each kernel keeps its model.">
                      no model kept
                    </span>
                  )}
                  <Link prefetch={false} href={`/datasets/${datasetId}/models/runs/${run.id}`} className="text-xs font-semibold text-indigo-600 hover:text-indigo-500">
                    Details
                  </Link>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
