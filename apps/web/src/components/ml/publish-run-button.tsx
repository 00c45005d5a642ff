"use client";

import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Modal } from "@/components/modal";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { useRefreshWhileStale } from "./use-refresh-while-stale";

const PUBLISH_RUN = /* GraphQL */ `
  mutation PublishRun($runId: ID!) {
    publishRun(runId: $runId) {
      ${FAILURE_FIELDS}
      ... on PublishRunSuccess { data { id published } }
    }
  }
`;

type PublishRunResult = MutationFailure | { __typename: "PublishRunSuccess"; data: { id: string; published: boolean } };

/** Makes a run the dataset's published model (admins), after saying what that changes. */
export function PublishRunButton({ runId, name, size = "sm" }: { runId: string; name: string; size?: "sm" | "md" }) {
  const [open, setOpen] = useState(false);
  const [published, setPublished] = useState(false);
  const mutation = useMutation();
  useRefreshWhileStale(published);

  function close() {
    setOpen(false);
    mutation.reset();
  }

  function publish() {
    mutation.run(async () => {
      const { publishRun } = await requestGraphQL<{ publishRun: PublishRunResult }>(PUBLISH_RUN, { runId });
      if (isFailure(publishRun)) return publishRun;
      setOpen(false);
      setPublished(true);
    });
  }

  return (
    <>
      <Button variant="secondary" size={size} onClick={() => setOpen(true)} pending={published} aria-label={`Publish ${name}`}>
        {published ? "Publishing…" : "Publish"}
      </Button>
      {/* The dialog renders where the button is, e.g. in a nowrap, right-aligned table cell. */}
      {open ? (
        <span className="text-left whitespace-normal">
          <Modal title={`Publish ${name}?`} onClose={close} busy={mutation.pending}>
            <div className="space-y-3 text-sm text-slate-700">
              <p>
                The published run is the dataset’s model: <code className="rounded bg-slate-100 px-1 font-mono text-xs">predictions</code> and{" "}
                <code className="rounded bg-slate-100 px-1 font-mono text-xs">POST /predict</code> use it. A run published before is unpublished.
              </p>
              <p>A worker then scores every frame that has features for its backbone.</p>
              {mutation.error ? <Alert>{mutation.error}</Alert> : null}
            </div>
            <div className="mt-6 flex justify-end gap-2 border-t border-slate-100 pt-4">
              <Button variant="secondary" onClick={close} disabled={mutation.pending}>
                Cancel
              </Button>
              <Button onClick={publish} pending={mutation.pending}>
                Publish
              </Button>
            </div>
          </Modal>
        </span>
      ) : null}
    </>
  );
}
