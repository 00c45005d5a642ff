import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { Markdown } from "@/components/markdown";
import { PageHeader } from "@/components/page-header";
import { IMPORT_JOB_SUMMARY_FIELDS } from "@/lib/import-jobs";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { EditDatasetButton } from "./_components/edit-dataset-button";
import { ImportsCard } from "./_components/imports-card";
import { MembersCard } from "./_components/members-card";
import type { DatasetDetail } from "./types";

const DATASET = /* GraphQL */ `
  query Dataset($id: ID!) {
    dataset(id: $id) {
      id name description guidelines overlap frameCount memberCount createdAt updatedAt archivedAt
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
  const data = await graphqlOrNotFound<{ dataset: DatasetDetail }>(DATASET, { id });
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
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader title="Guidelines" description="The face rules labellers read before deciding face, no face or unsure." />
          <div className="px-5 py-5" data-testid="guidelines">
            <Markdown source={dataset.guidelines} />
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
