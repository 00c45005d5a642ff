"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { requestGraphQL } from "@/lib/graphql-client";
import { isActive } from "@/lib/import-jobs";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { WORKER_JOB_FIELDS, type WorkerJobView } from "./ml-data";

const CANCEL_JOB = /* GraphQL */ `
  mutation CancelJob($id: ID!) {
    cancelJob(id: $id) {
      ${FAILURE_FIELDS}
      ... on CancelJobSuccess { data { ${WORKER_JOB_FIELDS} } }
    }
  }
`;

type CancelJobResult = MutationFailure | { __typename: "CancelJobSuccess"; data: WorkerJobView };

/**
 * Stops an extraction, training or prediction (admins), asked twice. A queued job stops at once; a
 * running one after its current batch, keeping what it finished. The job shown is updated in place
 * (`onCancelled` gets it with the fresh status), so its poller follows it until it has stopped.
 */
export function CancelJobButton<J extends WorkerJobView>({ job, what, keeps, onCancelled }: { job: J; what: string; keeps: string; onCancelled: (job: J) => void }) {
  const mutation = useMutation();
  if (!isActive(job.status) || job.cancelRequested) return null;
  return (
    <span className="inline-flex flex-col items-end" data-testid="cancel-job">
      <ConfirmButton
        ariaLabel={`Cancel the ${what}`}
        question={`Stop this ${what}? ${keeps}`}
        confirmLabel={`Stop ${what}`}
        pending={mutation.pending}
        onConfirm={() =>
          mutation.run(
            async () => {
              const { cancelJob } = await requestGraphQL<{ cancelJob: CancelJobResult }>(CANCEL_JOB, { id: job.id });
              if (isFailure(cancelJob)) return cancelJob;
              onCancelled({ ...job, ...cancelJob.data });
            },
            { refresh: false },
          )
        }
      >
        Cancel
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
