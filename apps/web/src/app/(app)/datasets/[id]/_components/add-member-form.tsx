"use client";

import { useRef, type FormEvent } from "react";
import { Button } from "@/components/button";
import { describedBy, inputClass } from "@/components/field";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

const ADD_MEMBER = /* GraphQL */ `
  mutation AddDatasetMember($datasetId: ID!, $email: String!) {
    addDatasetMember(datasetId: $datasetId, email: $email) {
      ${FAILURE_FIELDS}
      ... on AddDatasetMemberSuccess { data { id } }
    }
  }
`;

type AddMemberResult = MutationFailure | { __typename: "AddDatasetMemberSuccess"; data: { id: string } };

export function AddMemberForm({ datasetId }: { datasetId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation();
  // One field: the overall message ("No user with that email or id.") says more than the field's own.
  const error = mutation.error ?? undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    mutation.run(async () => {
      const { addDatasetMember } = await requestGraphQL<{ addDatasetMember: AddMemberResult }>(ADD_MEMBER, { datasetId, email });
      if (isFailure(addDatasetMember)) return addDatasetMember;
      formRef.current?.reset();
    });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} aria-label="Add member">
      <label htmlFor="member-email" className="block text-sm font-medium text-slate-700">
        Add a member by email
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="member-email"
          name="email"
          type="email"
          required
          placeholder="labeller@example.org"
          className={inputClass}
          {...describedBy("member-email", error)}
        />
        <Button type="submit" pending={mutation.pending}>
          Add
        </Button>
      </div>
      {error ? (
        <p id="member-email-error" role="alert" className="mt-1.5 text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
