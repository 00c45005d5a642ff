import "server-only";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { ProgressBar } from "@/components/progress-bar";
import { jobStatusDisplay, type JobStatus } from "@/lib/import-jobs";
import type { Role } from "@/lib/roles";
import { graphql } from "@/server/graphql";
import { COVERAGE_FIELDS, SPLIT_SCORE_FIELDS, type FeatureCoverage, type SplitScore } from "./ml-data";
import { formatC, formatScore, kernelLabel } from "./results";

const MODELS_CARD = /* GraphQL */ `
  query ModelsCard($id: ID!) {
    backbones { id name featureCoverage(datasetId: $id) { ${COVERAGE_FIELDS} } }
    dataset(id: $id) {
      id
      trainingJobs(first: 1) { edges { node { id status createdAt backbone { name } selectedRun { id variant C } } } }
    }
    trainingRuns(datasetId: $id) {
      runs { id published variant C backbone { name } metrics { test { ${SPLIT_SCORE_FIELDS} } distinct { ${SPLIT_SCORE_FIELDS} } } }
    }
  }
`;

interface ModelsCardData {
  backbones: { id: string; name: string; featureCoverage: FeatureCoverage }[];
  dataset: {
    id: string;
    trainingJobs: { edges: { node: { id: string; status: JobStatus; createdAt: string; backbone: { name: string } | null; selectedRun: { id: string; variant: string; C: number | null } | null } }[] };
  };
  trainingRuns: {
    runs: { id: string; published: boolean; variant: string; C: number | null; backbone: { name: string }; metrics: { test: SplitScore | null; distinct: SplitScore | null } | null }[];
  };
}

/**
 * The dataset page's view of its models: the published run and its held-out accuracy, which
 * backbones have features, the latest training; the way to the models page. Loads its own data, so
 * the dataset page's query stays as it is.
 */
export async function ModelsCard({ datasetId, role }: { datasetId: string; role: Role }) {
  const href = `/datasets/${datasetId}/models`;
  let data: ModelsCardData;
  try {
    data = await graphql<ModelsCardData>(MODELS_CARD, { id: datasetId });
  } catch (error) {
    // A redirect to sign-in (or not-found) is Next.js's own control flow, not a failure of this card.
    unstable_rethrow(error);
    console.error("the models card could not load", error);
    return (
      <Card className="mb-6">
        <CardHeader title="Models" />
        <div className="px-5 py-4">
          <Alert title="Models could not be loaded">{error instanceof Error ? error.message : "Try again in a moment."}</Alert>
        </div>
      </Card>
    );
  }
  const published = data.trainingRuns.runs.find((run) => run.published) ?? null;
  const latest = data.dataset.trainingJobs.edges[0]?.node ?? null;
  const extracted = data.backbones.filter((backbone) => backbone.featureCoverage.vectors > 0);

  return (
    <Card className="mb-6">
      <CardHeader
        title="Models"
        description="Face classifiers: a pretrained CNN’s pooled features and SVMs, as in Koc, Koc & Su."
        action={
          <Link prefetch={false} href={href} className={buttonClass("secondary", "sm")} data-testid="models-link">
            {role === "ADMIN" && !latest ? "Train a model" : "Models"}
          </Link>
        }
      />
      <div className="grid gap-6 px-5 py-4 md:grid-cols-3" data-testid="models-card">
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Published model</h3>
          {published ? (
            <div className="space-y-1 text-sm" data-testid="published-model">
              <p className="font-medium text-slate-900">
                <Link prefetch={false} href={`${href}/runs/${published.id}`} className="hover:text-indigo-600">
                  {kernelLabel(published.variant)}, C = {formatC(published.C)}
                </Link>
              </p>
              <p className="text-xs text-slate-500">{published.backbone.name}</p>
              <p className="text-xs text-slate-600 tabular-nums">
                Test {formatScore(published.metrics?.test?.accuracy)} · distinct test {formatScore(published.metrics?.distinct?.accuracy)}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">None yet. {role === "ADMIN" ? "Train, then publish the run you trust." : "An admin publishes one after training."}</p>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Features</h3>
          {extracted.length > 0 ? (
            <ul className="space-y-2">
              {extracted.map((backbone) => (
                <li key={backbone.id} className="space-y-1">
                  <div className="flex justify-between gap-2 text-xs">
                    <span className="truncate text-slate-700" title={backbone.name}>
                      {backbone.name}
                    </span>
                    <span className="text-slate-500 tabular-nums">{Math.floor(backbone.featureCoverage.ratio * 100)}%</span>
                  </div>
                  <ProgressBar value={backbone.featureCoverage.ratio * 100} label={`Frames with ${backbone.name} features`} tone={backbone.featureCoverage.ratio >= 1 ? "green" : "slate"} size="sm" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No frame has features yet.</p>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Latest training</h3>
          {latest ? (
            <div className="space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone={jobStatusDisplay(latest).tone}>{jobStatusDisplay(latest).label}</Badge>
                <span className="text-xs text-slate-500">
                  <DateTime value={latest.createdAt} />
                </span>
              </p>
              <p className="text-xs text-slate-600">
                {latest.backbone?.name ?? "Removed backbone"}
                {latest.selectedRun ? ` · picked ${kernelLabel(latest.selectedRun.variant)}, C = ${formatC(latest.selectedRun.C)}` : ""}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">Not trained yet.</p>
          )}
        </div>
      </div>
    </Card>
  );
}
