"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { requestGraphQL } from "@/lib/graphql-client";
import { useMutation } from "@/lib/use-mutation";

const REMOVE_MEMBER = /* GraphQL */ `
  mutation RemoveDatasetMember($datasetId: ID!, $userId: ID!) {
    removeDatasetMember(datasetId: $datasetId, userId: $userId) { id memberCount }
  }
`;

/** Removing ends access only; the member's labels stay with the dataset. */
export function RemoveMemberButton({ datasetId, userId, email }: { datasetId: string; userId: string; email: string }) {
  const mutation = useMutation();
  return (
    <span className="inline-flex flex-col items-end">
      <ConfirmButton
        variant="ghost"
        ariaLabel={`Remove ${email}`}
        question="Remove?"
        confirmLabel="Remove"
        pending={mutation.pending}
        onConfirm={() => mutation.run(async () => void (await requestGraphQL(REMOVE_MEMBER, { datasetId, userId })))}
      >
        Remove
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
