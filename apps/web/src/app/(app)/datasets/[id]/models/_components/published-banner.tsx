import Link from "next/link";
import { Badge } from "@/components/badge";
import type { RunSummary } from "@/components/ml/ml-data";
import { formatC, formatScore, kernelLabel } from "@/components/ml/results";

/** The dataset's published run at the top of the models page: what serves predictions now. */
export function PublishedBanner({ datasetId, run }: { datasetId: string; run: RunSummary }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-emerald-50 px-5 py-3 ring-1 ring-emerald-200 ring-inset" data-testid="published-run" data-run-id={run.id}>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-emerald-950">
        <Badge tone="green">Published</Badge>
        <span className="font-semibold">
          {run.backbone.name} · {kernelLabel(run.variant)}, C = {formatC(run.C)}
        </span>
        <span className="text-emerald-800 tabular-nums">
          test {formatScore(run.metrics?.test?.accuracy)} · distinct test {formatScore(run.metrics?.distinct?.accuracy)}
        </span>
      </p>
      <Link prefetch={false} href={`/datasets/${datasetId}/models/runs/${run.id}`} className="text-sm font-semibold text-emerald-800 hover:text-emerald-700">
        Details →
      </Link>
    </div>
  );
}
