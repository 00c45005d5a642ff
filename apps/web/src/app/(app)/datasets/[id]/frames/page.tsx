import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { plural } from "@/lib/format";
import { FRAME_FIELDS, FRAMES_PAGE_SIZE, frameFiltersQuery, hasFilters, parseFrameFilters, type FrameNode } from "@/lib/frames";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { FrameBrowser } from "./_components/frame-browser";
import { FrameFiltersForm, type TitleFilterOption } from "./_components/frame-filters";

const FRAMES = /* GraphQL */ `
  query DatasetFrames($id: ID!, $titleId: ID, $split: Split, $labelState: FrameLabelState, $first: Int!) {
    dataset(id: $id) { id name frameCount titles { id name kind frameCount } }
    frames(datasetId: $id, titleId: $titleId, split: $split, labelState: $labelState, first: $first) {
      edges { node { ${FRAME_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface FramesData {
  dataset: { id: string; name: string; frameCount: number; titles: TitleFilterOption[] };
  frames: { edges: { node: FrameNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Metadata and page share one request (same arguments, same render).
const load = cache((id: string, query: string) => {
  const filters = parseFrameFilters(Object.fromEntries(new URLSearchParams(query)));
  return graphqlOrNotFound<FramesData>(FRAMES, { id, ...filters, first: FRAMES_PAGE_SIZE });
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { id } = await params;
  const data = await load(id, frameFiltersQuery(parseFrameFilters(await searchParams)));
  return { title: `Frames · ${data.dataset.name}` };
}

export default async function FramesPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const filters = parseFrameFilters(await searchParams);
  const [viewer, data] = await Promise.all([getViewer(), load(id, frameFiltersQuery(filters))]);
  const { dataset } = data;
  const isAdmin = viewer.role === "ADMIN";
  const frames = data.frames.edges.map((edge) => edge.node);
  const filtered = hasFilters(filters);
  const importLink = (
    <Link href={`/datasets/${dataset.id}/import`} className={buttonClass("primary")}>
      Import videos or images
    </Link>
  );

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/datasets/${dataset.id}`} className="hover:text-slate-700">
            ← {dataset.name}
          </Link>
        }
        title="Frames"
        description={`${plural(dataset.frameCount, "frame")} from ${plural(dataset.titles.length, "title")}. Near-identical frames in a row form a scene; splits keep a scene together.`}
        actions={
          isAdmin && dataset.frameCount > 0 ? (
            <Link href={`/datasets/${dataset.id}/import`} className={buttonClass("secondary")}>
              Import
            </Link>
          ) : null
        }
      />
      {dataset.frameCount > 0 ? <FrameFiltersForm datasetId={dataset.id} titles={dataset.titles} filters={filters} /> : null}
      {frames.length === 0 ? (
        <Card>
          {filtered ? (
            <EmptyState title="No frames match these filters">
              <Link href={`/datasets/${dataset.id}/frames`} className="font-medium text-indigo-600 hover:text-indigo-500">
                Clear the filters
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title="No frames yet" action={isAdmin ? importLink : undefined}>
              {isAdmin ? "Upload episodes, images or zips; the worker samples and stores the frames." : "An admin has not imported any frames into this dataset yet."}
            </EmptyState>
          )}
        </Card>
      ) : (
        <FrameBrowser
          // A new filter is a new list: start over rather than append to the old one.
          key={frameFiltersQuery(filters)}
          datasetId={dataset.id}
          filters={filters}
          initialFrames={frames}
          initialCursor={data.frames.pageInfo.hasNextPage ? data.frames.pageInfo.endCursor : null}
          canPin={isAdmin}
        />
      )}
    </>
  );
}
