import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { ExampleGrid } from "@/components/labelling/example-grid";
import { GUIDELINE_EXAMPLE_FIELDS } from "@/components/labelling/examples";
import { Markdown } from "@/components/markdown";
import { ModelsCard } from "@/components/ml/models-card";
import { PageHeader } from "@/components/page-header";
import { SPLITS_CARD_FIELDS, SplitsCard, type SplitsCardData } from "@/components/splits/splits-card";
import { IMPORT_JOB_SUMMARY_FIELDS } from "@/lib/import-jobs";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { EditDatasetButton } from "./_components/edit-dataset-button";
import { ImportsCard } from "./_components/imports-card";
import { LabellingCard } from "./_components/labelling-card";
import { MembersCard } from "./_components/members-card";
import { UnpinExampleButton } from "./_components/unpin-example-button";
import { DATASET_PROGRESS_FIELDS, type DatasetDetail } from "./types";

const DATASET = /* GraphQL */ `
  query Dataset($id: ID!) {
    dataset(id: $id) {
      id name description guidelines ruleNames overlap frameCount memberCount createdAt updatedAt archivedAt
      examples { ${GUIDELINE_EXAMPLE_FIELDS} }
      progress { ${DATASET_PROGRESS_FIELDS} }
      ${SPLITS_CARD_FIELDS}
      members(first: 200) {
        edges { node { id addedAt user { id email name role active } } }
        pageInfo { hasNextPage }
      }
      imports(first: 5) {
        edges { node { ${IMPORT_JOB_SUMMARY_FIELDS} } }
        pageInfo { hasNextPage }
      }
    }
  }
`;

type Params = Promise<{ id: string }>;

// Metadata and page share one request.
const loadDataset = cache(async (id: string) => {
  const data = await graphqlOrNotFound<{ dataset: DatasetDetail & SplitsCardData }>(DATASET, { id });
  return data.dataset;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const dataset = await loadDataset((await params).id);
  return { title: dataset.name };
}

export default async function DatasetPage({ params }: { params: Params }) {
  const { id } = await params;
  const [viewer, dataset] = await Promise.all([getViewer(), loadDataset(id)]);
  const isAdmin = viewer.role === "ADMIN";
  const members = dataset.members.edges.map((edge) => edge.node);
  const imports = dataset.imports.edges.map((edge) => edge.node);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/datasets" className="hover:text-slate-700">
            ← Datasets
          </Link>
        }
        title={dataset.name}
        description={dataset.description || undefined}
        actions={
          <>
            <Link href={`/datasets/${dataset.id}/frames`} className={buttonClass("secondary")}>
              Frames ({dataset.frameCount.toLocaleString("en")})
            </Link>
            {isAdmin ? (
              <>
                <EditDatasetButton dataset={dataset} />
                <Link href={`/datasets/${dataset.id}/import`} className={buttonClass("primary")}>
                  Import
                </Link>
              </>
            ) : null}
          </>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Frames" value={dataset.frameCount.toLocaleString("en")} />
        <Stat label="Members" value={dataset.memberCount.toLocaleString("en")} />
        <Stat label="Labels per frame" value={String(dataset.overlap)} />
        <Stat label="Last changed" value={<DateTime value={dataset.updatedAt} dateOnly />} />
      </dl>
      <LabellingCard datasetId={dataset.id} overlap={dataset.overlap} progress={dataset.progress} role={viewer.role} />
      <SplitsCard datasetId={dataset.id} currentSplit={dataset.currentSplit} role={viewer.role} />
      <ModelsCard datasetId={dataset.id} role={viewer.role} />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader title="Guidelines" description="The face rules labellers read before deciding face, no face or unsure." />
          <div className="px-5 py-5" data-testid="guidelines">
            <Markdown source={dataset.guidelines} />
          </div>
          {dataset.ruleNames.length > 0 ? (
            <div className="border-t border-slate-100 px-5 py-4">
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Rule checkboxes</h3>
              <ol className="flex flex-wrap gap-1.5 text-xs" data-testid="rule-names">
                {dataset.ruleNames.map((rule, index) => (
                  <li key={rule} className="rounded-md bg-slate-50 px-2 py-1 text-slate-700 ring-1 ring-slate-200 ring-inset">
                    <span className="mr-1 font-mono text-slate-400">{index + 1}</span>
                    {rule}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          <div className="border-t border-slate-100 px-5 py-4" data-testid="examples">
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Pinned examples</h3>
            {dataset.examples.length > 0 ? (
              <ExampleGrid examples={dataset.examples} columns={3} action={isAdmin ? (example) => <UnpinExampleButton exampleId={example.id} /> : undefined} />
            ) : (
              <p className="text-sm text-slate-500">
                None yet.{" "}
                {isAdmin ? (
                  <>
                    Pin frames from the{" "}
                    <Link href={`/datasets/${dataset.id}/frames`} className="font-medium text-indigo-600 hover:text-indigo-500">
                      frames page
                    </Link>{" "}
                    to show labellers what counts as a face.
                  </>
                ) : null}
              </p>
            )}
          </div>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          {isAdmin || imports.length > 0 ? (
            <ImportsCard datasetId={dataset.id} imports={imports} more={dataset.imports.pageInfo.hasNextPage} isAdmin={isAdmin} />
          ) : null}
          <MembersCard datasetId={dataset.id} members={members} isAdmin={isAdmin} viewerId={viewer.id} more={dataset.members.pageInfo.hasNextPage} />
        </div>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
