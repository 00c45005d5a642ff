"use client";

import { Button } from "@/components/button";
import { requestGraphQL } from "@/lib/graphql-client";
import type { MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

// The result is ConflictError | AppendToSplitSuccess: no ValidationError to select.
const APPEND_TO_SPLIT = /* GraphQL */ `
  mutation AppendToSplit($id: ID!) {
    appendToSplit(id: $id) {
      __typename
      ... on Error { message }
      ... on AppendToSplitSuccess { data { id pendingCount } }
    }
  }
`;

type AppendResult = MutationFailure | { __typename: "AppendToSplitSuccess"; data: { id: string; pendingCount: number } };

/** Assigns frames labelled since the version was made, by the same rules, without moving any frame already in it. */
export function AppendPendingButton({ versionId, pendingCount }: { versionId: string; pendingCount: number }) {
  const mutation = useMutation();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        pending={mutation.pending}
        onClick={() =>
          mutation.run(async () => {
            const { appendToSplit } = await requestGraphQL<{ appendToSplit: AppendResult }>(APPEND_TO_SPLIT, { id: versionId });
            if (appendToSplit.__typename !== "AppendToSplitSuccess") return appendToSplit;
          })
        }
      >
        Append pending ({pendingCount.toLocaleString("en")})
      </Button>
      {mutation.error ? (
        <span role="alert" className="max-w-xs text-right text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
