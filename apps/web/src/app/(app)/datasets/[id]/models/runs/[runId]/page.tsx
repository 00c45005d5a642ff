import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { PageHeader } from "@/components/page-header";
import { LiveJobProgress } from "@/components/ml/live-job-progress";
import { METRIC_SPLITS, RUN_DETAIL_FIELDS, WORKER_JOB_FIELDS, type RunDetail } from "@/components/ml/ml-data";
import { PublishRunButton } from "@/components/ml/publish-run-button";
import { formatC, kernelLabel } from "@/components/ml/results";
import { SplitMetricsCard } from "@/components/ml/split-metrics-card";
import { SuggestFramesPanel } from "@/components/ml/suggest-frames-panel";
import { TryImage } from "@/components/ml/try-image";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";

const RUN_PAGE = /* GraphQL */ `
  query RunPage($runId: ID!, $datasetId: ID!) {
    trainingRun(id: $runId) { ${RUN_DETAIL_FIELDS} }
    dataset(id: $datasetId) { id name }
    splitVersions(datasetId: $datasetId, first: 50) { edges { node { id name locked } } }
  }
`;

interface RunPageData {
  trainingRun: RunDetail;
  dataset: { id: string; name: string };
  splitVersions: { edges: { node: { id: string; name: string; locked: boolean } }[] };
}

type Params = Promise<{ id: string; runId: string }>;

const load = cache(async (datasetId: string, runId: string) => {
  const data = await graphqlOrNotFound<RunPageData>(RUN_PAGE, { runId, datasetId });
  // A run of another dataset under this dataset's URL is not a page.
  if (data.trainingRun.datasetId !== data.dataset.id) notFound();
  return data;
});

const runName = (run: RunDetail) => `${kernelLabel(run.variant)}, C = ${formatC(run.C)}`;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id, runId } = await params;
  const { trainingRun, dataset } = await load(id, runId);
  return { title: `${runName(trainingRun)} · ${dataset.name}` };
}

/** One SVM configuration: its parameters, its confusion matrix and figures on every split, and what to do with it. */
export default async function RunPage({ params }: { params: Params }) {
  const { id, runId } = await params;
  const [viewer, data] = await Promise.all([getViewer(), load(id, runId)]);
  const run = data.trainingRun;
  const isAdmin = viewer.role === "ADMIN";
  const canReview = isAdmin || viewer.role === "REVIEWER";
  const version = data.splitVersions.edges.map((edge) => edge.node).find((candidate) => candidate.id === run.splitVersionId);
  const modelsHref = `/datasets/${data.dataset.id}/models`;

  return (
    <>
      <PageHeader
        eyebrow={
          <span className="flex flex-wrap gap-x-1.5">
            <Link prefetch={false} href={`/datasets/${data.dataset.id}`} className="hover:text-slate-700">
              ← {data.dataset.name}
            </Link>
            <span aria-hidden="true">/</span>
            <Link prefetch={false} href={run.jobId ? `${modelsHref}?job=${run.jobId}#results` : modelsHref} className="hover:text-slate-700">
              Models
            </Link>
          </span>
        }
        title={runName(run)}
        description={
          <span className="flex flex-wrap items-center gap-2" data-testid="run-badges">
            <span>{run.backbone.name}</span>
            {version ? <span className="text-slate-400">· split {version.name}</span> : null}
            {run.selected ? <Badge tone="indigo">Picked on validation</Badge> : null}
            {run.published ? <Badge tone="green">Published</Badge> : null}
            {run.hasModel ? null : <Badge tone="slate">No model kept</Badge>}
          </span>
        }
        actions={isAdmin && run.hasModel && !run.published ? <PublishRunButton runId={run.id} name={runName(run)} size="md" /> : null}
      />

      <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="run-metrics">
        {METRIC_SPLITS.map((split) => (
          <SplitMetricsCard key={split} split={split} metrics={run.metrics?.[split] ?? null} />
        ))}
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader title="Configuration" description="How this SVM was trained." />
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-3">
            <Item label="Backbone">{run.backbone.name}</Item>
            <Item label="Features">
              {run.backbone.dims.toLocaleString("en")}, {run.backbone.pooling === "MAX" ? "max" : "average"}-pooled <span className="font-mono text-xs">{run.backbone.tapLayer}</span>
            </Item>
            <Item label="Kernel">{kernelLabel(run.variant)}</Item>
            <Item label="C">
              <span className="font-mono">{formatC(run.C)}</span>
            </Item>
            {run.gamma != null ? (
              <Item label="Gamma">
                <span className="font-mono">{run.gamma.toPrecision(4)}</span>
              </Item>
            ) : null}
            <Item label="Class weights">{run.classWeights === "none" ? "None" : "Balanced"}</Item>
            <Item label="Standardised">{run.standardise ? "Yes" : "No"}</Item>
            <Item label="Support vectors">{run.supportCount?.toLocaleString("en") ?? "—"}</Item>
            <Item label="Split version">{version ? `${version.name}${version.locked ? " (locked)" : ""}` : "—"}</Item>
            <Item label="Trained">
              <DateTime value={run.createdAt} />
            </Item>
            {run.publishedAt ? (
              <Item label="Published">
                <DateTime value={run.publishedAt} />
              </Item>
            ) : null}
          </dl>
          {run.predictionJob ? (
            <div className="border-t border-slate-100 px-5 py-4">
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Predicting the dataset’s frames</h3>
              <LiveJobProgress
                initial={run.predictionJob}
                source={{ field: "predictionJob", fields: WORKER_JOB_FIELDS }}
                label="Prediction progress"
                unit="frame"
                verb="Scoring"
                testId="prediction-job"
                cancel={isAdmin ? { what: "prediction", keeps: "Predictions made so far stay." } : undefined}
              />
            </div>
          ) : null}
        </Card>
        <div className="space-y-6 lg:col-span-2">
          {/* Labellers label blind: the API gives them no model outputs. */}
          {run.hasModel && viewer.role !== "LABELER" ? (
            <Card>
              <CardHeader title="Try an image" description="Classify a picture of your own with this run." />
              <TryImage datasetId={data.dataset.id} runId={run.id} runText="this run" />
            </Card>
          ) : null}
          {canReview && run.hasModel ? (
            <Card>
              <CardHeader title="Labelling queue" description="Let this run choose what gets labelled next." />
              <SuggestFramesPanel datasetId={data.dataset.id} runId={run.id} runText="this run" canCancel={isAdmin} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}
