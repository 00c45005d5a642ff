"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { requestGraphQL } from "@/lib/graphql-client";
import { useMutation } from "@/lib/use-mutation";

const REVOKE_TOKEN = /* GraphQL */ `
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) { id revokedAt }
  }
`;

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const mutation = useMutation();
  return (
    <span className="inline-flex flex-col items-end">
      <ConfirmButton
        ariaLabel={`Revoke ${name}`}
        question="Scripts using it stop working."
        confirmLabel="Revoke"
        pending={mutation.pending}
        onConfirm={() => mutation.run(async () => void (await requestGraphQL(REVOKE_TOKEN, { id })))}
      >
        Revoke
      </ConfirmButton>
      {mutation.error ? (
        <span role="alert" className="text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
