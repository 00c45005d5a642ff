"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { requestGraphQL } from "@/lib/graphql-client";
import { useMutation } from "@/lib/use-mutation";

const UNPIN_EXAMPLE = /* GraphQL */ `
  mutation UnpinExample($id: ID!) {
    unpinExample(id: $id)
  }
`;

/** Admins take an example off the face rules (the frame itself stays). */
export function UnpinExampleButton({ exampleId }: { exampleId: string }) {
  const mutation = useMutation();
  return (
    <span className="shrink-0">
      <ConfirmButton
        variant="ghost"
        question="Unpin?"
        confirmLabel="Unpin"
        ariaLabel="Unpin this example"
        pending={mutation.pending}
        onConfirm={() =>
          mutation.run(async () => {
            await requestGraphQL<{ unpinExample: boolean }>(UNPIN_EXAMPLE, { id: exampleId });
          })
        }
      >
        Unpin
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="block text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
