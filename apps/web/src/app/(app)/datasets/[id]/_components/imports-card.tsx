import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import type { ImportJobSummary } from "@/lib/import-jobs";
import { ImportJobRow } from "./import-job-panel";

/** The latest imports of a dataset, each live while it runs. */
export function ImportsCard({ datasetId, imports, more, isAdmin }: { datasetId: string; imports: ImportJobSummary[]; more: boolean; isAdmin: boolean }) {
  return (
    <Card>
      <CardHeader
        title="Imports"
        description="Files becoming frames."
        action={
          isAdmin ? (
            <Link href={`/datasets/${datasetId}/import`} className={buttonClass("secondary", "sm")}>
              Import files
            </Link>
          ) : null
        }
      />
      {imports.length === 0 ? (
        <EmptyState title="No imports yet">{isAdmin ? "Upload videos, images or zips of one anime title at a time." : "An admin imports the frames."}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="import-list">
          {imports.map((job) => (
            <ImportJobRow key={job.id} initial={job} datasetId={datasetId} canCancel={isAdmin} />
          ))}
        </ul>
      )}
      {more ? <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">Showing the 5 latest imports.</p> : null}
    </Card>
  );
}
