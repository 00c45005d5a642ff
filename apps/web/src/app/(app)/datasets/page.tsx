import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { graphql } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { NewDatasetPanel } from "./_components/new-dataset-panel";

export const metadata: Metadata = { title: "Datasets" };

const DATASETS = /* GraphQL */ `
  query Datasets($search: String, $after: String) {
    datasets(search: $search, after: $after, first: 48) {
      edges { node { id name description frameCount memberCount overlap } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface DatasetRow {
  id: string;
  name: string;
  description: string;
  frameCount: number;
  memberCount: number;
  overlap: number;
}

interface DatasetsData {
  datasets: { edges: { node: DatasetRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DatasetsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const search = typeof params["q"] === "string" ? params["q"].trim() : "";
  const after = typeof params["after"] === "string" ? params["after"] : undefined;
  const [viewer, data] = await Promise.all([
    getViewer(),
    graphql<DatasetsData>(DATASETS, { search: search || null, after: after ?? null }),
  ]);
  const datasets = data.datasets.edges.map((edge) => edge.node);
  const isAdmin = viewer.role === "ADMIN";

  return (
    <>
      <PageHeader
        title="Datasets"
        description={isAdmin ? "Every dataset in kao. Members can open and label their datasets." : "The datasets you are a member of."}
        actions={isAdmin ? <NewDatasetPanel /> : null}
      />
      <div className="mb-5">
        <SearchForm action="/datasets" defaultValue={search} placeholder="Search datasets by name" label="Search datasets" />
      </div>
      {datasets.length === 0 ? (
        <Card>
          {search ? (
            <EmptyState title={`No dataset matches “${search}”`}>
              <Link href="/datasets" className="font-medium text-indigo-600 hover:text-indigo-500">
                Clear the search
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title="No datasets yet">
              {isAdmin ? "Create the first one with “New dataset”." : "An admin has to add you to a dataset before you can label it."}
            </EmptyState>
          )}
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="dataset-list">
          {datasets.map((dataset) => (
            <li key={dataset.id}>
              <DatasetCard dataset={dataset} />
            </li>
          ))}
        </ul>
      )}
      {data.datasets.pageInfo.hasNextPage && data.datasets.pageInfo.endCursor ? (
        <div className="mt-6 flex justify-center">
          <Link
            className={buttonClass("secondary")}
            href={`/datasets?${new URLSearchParams({ ...(search ? { q: search } : {}), after: data.datasets.pageInfo.endCursor })}`}
          >
            More datasets
          </Link>
        </div>
      ) : null}
    </>
  );
}

function DatasetCard({ dataset }: { dataset: DatasetRow }) {
  return (
    <Link
      href={`/datasets/${dataset.id}`}
      data-testid="dataset-card"
      className="group flex h-full flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md hover:ring-indigo-300"
    >
      <h2 className="truncate text-base font-semibold text-slate-900 group-hover:text-indigo-700">{dataset.name}</h2>
      <p className="mt-1 line-clamp-2 min-h-10 text-sm text-slate-500">{dataset.description || "No description."}</p>
      <dl className="mt-4 grid grid-cols-3 gap-2 border-t border-slate-100 pt-4 text-center">
        <Stat label="Frames" value={dataset.frameCount} />
        <Stat label="Members" value={dataset.memberCount} />
        <Stat label="Overlap" value={`${dataset.overlap}×`} />
      </dl>
    </Link>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-semibold text-slate-900 tabular-nums">{typeof value === "number" ? value.toLocaleString("en") : value}</dd>
    </div>
  );
}
