"use client";

import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Modal } from "@/components/modal";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { useMutation } from "@/lib/use-mutation";

// lockSplit returns the version itself; its failures (not found, not an admin) are request errors.
const LOCK_SPLIT = /* GraphQL */ `
  mutation LockSplit($id: ID!) {
    lockSplit(id: $id) { id locked lockedAt }
  }
`;

/** Locks a version after a dialog that says what locking means: there is no unlock. */
export function LockSplitButton({ version }: { version: { id: string; name: string; pendingCount: number; staleCount: number } }) {
  const [open, setOpen] = useState(false);
  const mutation = useMutation();

  function close() {
    setOpen(false);
    mutation.reset();
  }

  function lock() {
    mutation.run(async () => {
      await requestGraphQL(LOCK_SPLIT, { id: version.id });
      setOpen(false);
    });
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Lock split ${version.name}`}>
        <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden="true">
          <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
        </svg>
        Lock
      </Button>
      {open ? (
        <Modal title={`Lock split “${version.name}”?`} onClose={close} busy={mutation.pending}>
          <div className="space-y-4 text-sm text-slate-700">
            <p>
              Locking <strong>freezes its assignments for good</strong>: no frame will ever move between train, validation and test, and nothing can be appended or
              resplit. Models trained and evaluated on it stay comparable. There is no unlock; new labels go into a new split version.
            </p>
            {version.pendingCount > 0 ? (
              <Alert tone="warning">
                {plural(version.pendingCount, "frame")} labelled since this split was made will not be in it. Cancel and use “Append pending” first to include them.
              </Alert>
            ) : null}
            {version.staleCount > 0 ? (
              <Alert tone="warning">
                {plural(version.staleCount, "frame")} contradict their title’s distinct setting. Cancel and resplit first, or the locked split keeps them where they are.
              </Alert>
            ) : null}
            {mutation.error ? <Alert>{mutation.error}</Alert> : null}
          </div>
          <div className="mt-6 flex justify-end gap-2 border-t border-slate-100 pt-4">
            <Button variant="secondary" onClick={close} disabled={mutation.pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={lock} pending={mutation.pending}>
              Lock split
            </Button>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
