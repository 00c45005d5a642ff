import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { Card, CardHeader } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { ImportLabelsPanel } from "@/components/splits/import-labels-panel";
import { NewSplitButton } from "@/components/splits/new-split-button";
import { SPLIT_VERSION_SUMMARY_FIELDS, type SplitVersionSummary } from "@/components/splits/split-data";
import { SplitVersionList } from "@/components/splits/split-version-list";
import { TitleDistinctList, type DistinctTitle } from "@/components/splits/title-distinct-list";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";

const SPLITS_PAGE = /* GraphQL */ `
  query SplitsPage($id: ID!) {
    dataset(id: $id) {
      id name
      titles { id name kind frameCount isDistinct }
      progress { byTitle { title { id } done } }
    }
    splitVersions(datasetId: $id, first: 50) {
      edges { node { ${SPLIT_VERSION_SUMMARY_FIELDS} } }
      pageInfo { hasNextPage }
    }
  }
`;

interface SplitsPageData {
  dataset: {
    id: string;
    name: string;
    titles: Omit<DistinctTitle, "done">[];
    progress: { byTitle: { title: { id: string }; done: number }[] };
  };
  splitVersions: { edges: { node: SplitVersionSummary }[]; pageInfo: { hasNextPage: boolean } };
}

type Params = Promise<{ id: string }>;

// Metadata and page share one request.
const load = cache((id: string) => graphqlOrNotFound<SplitsPageData>(SPLITS_PAGE, { id }));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { dataset } = await load((await params).id);
  return { title: `Splits · ${dataset.name}` };
}

export default async function SplitsPage({ params }: { params: Params }) {
  const { id } = await params;
  const [viewer, data] = await Promise.all([getViewer(), load(id)]);
  const { dataset } = data;
  const isAdmin = viewer.role === "ADMIN";
  const canExport = isAdmin || viewer.role === "REVIEWER";
  const versions = data.splitVersions.edges.map((edge) => edge.node);
  const done = new Map(dataset.progress.byTitle.map((row) => [row.title.id, row.done]));
  const titles: DistinctTitle[] = dataset.titles.map((title) => ({ ...title, done: done.get(title.id) ?? 0 }));

  return (
    <>
      <PageHeader
        eyebrow={
          <Link prefetch={false} href={`/datasets/${dataset.id}`} className="hover:text-slate-700">
            ← {dataset.name}
          </Link>
        }
        title="Splits"
        description="Frames with a final face or no-face label go to train, validation and test a whole scene at a time (frames 1 s apart are near-copies), balanced per title and label. Distinct titles are held out as a test set of titles never seen in training, as in Koc, Koc & Su."
        actions={
          isAdmin ? (
            <NewSplitButton datasetId={dataset.id} takenNames={versions.map((version) => version.name)} distinctTitles={titles.filter((title) => title.isDistinct).map((title) => title.name)} />
          ) : null
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader title="Versions" description="Newest first; the newest is current and each frame's split follows it. Lock a version before you report results on it." />
          <SplitVersionList datasetId={dataset.id} versions={versions} isAdmin={isAdmin} canExport={canExport} />
          {data.splitVersions.pageInfo.hasNextPage ? <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">Showing the 50 newest versions.</p> : null}
        </Card>
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title="Titles"
              description={
                isAdmin
                  ? "Switch a title to distinct to hold all its frames out as the distinct test set. New splits follow; an unlocked split then needs a resplit."
                  : "Distinct titles are held out as the distinct test set."
              }
            />
            <TitleDistinctList titles={titles} isAdmin={isAdmin} />
          </Card>
          {isAdmin ? (
            <Card>
              <CardHeader title="Import labels" description="Final labels from a CSV or JSON Lines file with sha256 and label columns (kao's exports work as they are)." />
              <ImportLabelsPanel datasetId={dataset.id} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
