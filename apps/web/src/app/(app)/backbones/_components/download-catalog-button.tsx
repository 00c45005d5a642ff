"use client";

import { Button } from "@/components/button";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { useWorkerJob } from "@/components/ml/use-worker-job";
import { BACKBONE_JOB_FIELDS, type BackboneJobView } from "./backbone-jobs";
import { BackboneJobProgress } from "./backbone-job-progress";

const DOWNLOAD_CATALOG_MODEL = /* GraphQL */ `
  mutation DownloadCatalogModel($key: String!) {
    downloadCatalogModel(key: $key) {
      ${FAILURE_FIELDS}
      ... on DownloadCatalogModelSuccess { data { ${BACKBONE_JOB_FIELDS} } }
    }
  }
`;

type DownloadResult = MutationFailure | { __typename: "DownloadCatalogModelSuccess"; data: BackboneJobView };

/**
 * Has a worker download a catalog model (admins) and follows the job: bytes as they arrive, then the
 * registered backbone, or the worker's message (offline: where to copy the file; a checksum mismatch).
 * `initial` is the model's latest download; a failed one can be tried again.
 */
export function DownloadCatalogButton({ modelKey, title, initial, registered }: { modelKey: string; title: string; initial: BackboneJobView | null; registered: boolean }) {
  const mutation = useMutation();
  const { job, start, pollError, active } = useWorkerJob(initial, { field: "backboneJob", fields: BACKBONE_JOB_FIELDS, confirm: true });
  const showButton = !registered && !active && job?.status !== "SUCCEEDED";
  return (
    <div className="space-y-2">
      {showButton ? (
        <div className="flex flex-col items-end gap-1">
          <Button
            size="sm"
            variant={job ? "secondary" : "primary"}
            pending={mutation.pending}
            aria-label={`Download ${title}`}
            onClick={() =>
              mutation.run(async () => {
                const { downloadCatalogModel } = await requestGraphQL<{ downloadCatalogModel: DownloadResult }>(DOWNLOAD_CATALOG_MODEL, { key: modelKey });
                if (isFailure(downloadCatalogModel)) return downloadCatalogModel;
                start(downloadCatalogModel.data);
              })
            }
          >
            {job ? "Download again" : "Download"}
          </Button>
          {mutation.error ? (
            <span role="alert" className="max-w-sm text-right text-xs text-red-600">
              {mutation.error}
            </span>
          ) : null}
        </div>
      ) : null}
      {job && !(registered && job.status !== "SUCCEEDED") ? <BackboneJobProgress job={job} pollError={pollError} /> : null}
    </div>
  );
}
