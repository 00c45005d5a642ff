import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { PageHeader } from "@/components/page-header";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { ImportForm, type TitleOption } from "./_components/import-form";

export const metadata: Metadata = { title: "Import files" };

const DATASET = /* GraphQL */ `
  query ImportPage($id: ID!) {
    dataset(id: $id) { id name titles { id name kind frameCount } }
  }
`;

type Params = Promise<{ id: string }>;

export default async function ImportPage({ params }: { params: Params }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.role !== "ADMIN") return <Forbidden what="Only admins can import videos and images." />;
  const { dataset } = await graphqlOrNotFound<{ dataset: { id: string; name: string; titles: TitleOption[] } }>(DATASET, { id });

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/datasets/${dataset.id}`} className="hover:text-slate-700">
            ← {dataset.name}
          </Link>
        }
        title="Import files"
        description="Videos are sampled into frames; images and zips of images become frames as they are. Frames the dataset already has (same pixels) are skipped."
      />
      <ImportForm datasetId={dataset.id} titles={dataset.titles} />
    </>
  );
}
