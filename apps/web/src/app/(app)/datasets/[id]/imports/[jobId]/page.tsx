import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/button";
import { PageHeader } from "@/components/page-header";
import { IMPORT_JOB_FIELDS, jobName, type ImportJobSummary } from "@/lib/import-jobs";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { ImportJobPanel } from "../../_components/import-job-panel";

const IMPORT_JOB = /* GraphQL */ `
  query ImportJobPage($datasetId: ID!, $jobId: ID!) {
    dataset(id: $datasetId) { id name }
    importJob(id: $jobId) { datasetId ${IMPORT_JOB_FIELDS} }
  }
`;

type Params = Promise<{ id: string; jobId: string }>;

const load = cache(async (datasetId: string, jobId: string) => {
  const data = await graphqlOrNotFound<{ dataset: { id: string; name: string }; importJob: ImportJobSummary & { datasetId: string } }>(IMPORT_JOB, {
    datasetId,
    jobId,
  });
  // A job id under another dataset's URL is not a page of this dataset.
  if (data.importJob.datasetId !== datasetId) notFound();
  return data;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id, jobId } = await params;
  const { importJob } = await load(id, jobId);
  return { title: `Import: ${jobName(importJob)}` };
}

export default async function ImportJobPage({ params }: { params: Params }) {
  const { id, jobId } = await params;
  const [viewer, { dataset, importJob }] = await Promise.all([getViewer(), load(id, jobId)]);
  const isAdmin = viewer.role === "ADMIN";
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/datasets/${dataset.id}`} className="hover:text-slate-700">
            ← {dataset.name}
          </Link>
        }
        title={`Import: ${jobName(importJob)}`}
        actions={
          <>
            <Link href={`/datasets/${dataset.id}/frames`} className={buttonClass("secondary")}>
              View frames
            </Link>
            {isAdmin ? (
              <Link href={`/datasets/${dataset.id}/import`} className={buttonClass("primary")}>
                Import more
              </Link>
            ) : null}
          </>
        }
      />
      <ImportJobPanel key={importJob.id} initial={importJob} canCancel={isAdmin} />
    </>
  );
}
