"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { useRefreshWhileStale } from "./use-refresh-while-stale";

const REGISTER_CATALOG_MODEL = /* GraphQL */ `
  mutation RegisterCatalogModel($key: String!) {
    registerCatalogModel(key: $key) {
      ${FAILURE_FIELDS}
      ... on RegisterCatalogModelSuccess { data { id } }
    }
  }
`;

type RegisterCatalogModelResult = MutationFailure | { __typename: "RegisterCatalogModelSuccess"; data: { id: string } };

/** Registers a cached catalog model with the catalog's preprocessing and tap (admins); the API checks its sha256 first. */
export function RegisterCatalogButton({ modelKey, title }: { modelKey: string; title: string }) {
  const mutation = useMutation();
  const [registered, setRegistered] = useState(false);
  useRefreshWhileStale(registered);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size="sm"
        pending={mutation.pending || registered}
        aria-label={`Register ${title}`}
        onClick={() =>
          mutation.run(async () => {
            const { registerCatalogModel } = await requestGraphQL<{ registerCatalogModel: RegisterCatalogModelResult }>(REGISTER_CATALOG_MODEL, { key: modelKey });
            if (isFailure(registerCatalogModel)) return registerCatalogModel;
            setRegistered(true);
          })
        }
      >
        Register
      </Button>
      {mutation.error ? (
        <span role="alert" className="max-w-sm text-right text-xs text-red-600">
          {mutation.error}
        </span>
      ) : null}
    </span>
  );
}
