"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

const RESPLIT = /* GraphQL */ `
  mutation Resplit($id: ID!) {
    resplit(id: $id) {
      ${FAILURE_FIELDS}
      ... on ResplitSuccess { data { id staleCount } }
    }
  }
`;

type ResplitResult = MutationFailure | { __typename: "ResplitSuccess"; data: { id: string; staleCount: number } };

/** Splits an unlocked version again from scratch (same seed and ratios) over today's labels and distinct titles. */
export function ResplitButton({ version, emphasis = false }: { version: { id: string; name: string }; emphasis?: boolean }) {
  const mutation = useMutation();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        variant={emphasis ? "secondary" : "ghost"}
        ariaLabel={`Resplit ${version.name}`}
        question="Frames may change split. Resplit?"
        confirmLabel="Resplit"
        pending={mutation.pending}
        onConfirm={() =>
          mutation.run(async () => {
            const { resplit } = await requestGraphQL<{ resplit: ResplitResult }>(RESPLIT, { id: version.id });
            if (isFailure(resplit)) return resplit;
          })
        }
      >
        Resplit
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="max-w-xs text-right text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
