"use client";

import { useRouter } from "next/navigation";
import { startTransition, useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { Modal } from "@/components/modal";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

const CREATE_DATASET = /* GraphQL */ `
  mutation CreateDataset($input: CreateDatasetInput!) {
    createDataset(input: $input) {
      ${FAILURE_FIELDS}
      ... on CreateDatasetSuccess { data { id } }
    }
  }
`;

type CreateDatasetResult = MutationFailure | { __typename: "CreateDatasetSuccess"; data: { id: string } };

export function NewDatasetPanel() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const mutation = useMutation();
  const errors = mutation.fieldErrors;
  // A duplicate name comes back as a ConflictError; it belongs next to the name.
  const nameError = errors["name"] ?? (mutation.failure?.__typename === "ConflictError" ? mutation.failure.message : undefined);
  const unplaced = mutation.error && !nameError && !errors["description"] && !errors["overlap"] ? mutation.error : null;

  function close() {
    setOpen(false);
    mutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.run(
      async () => {
        const { createDataset } = await requestGraphQL<{ createDataset: CreateDatasetResult }>(CREATE_DATASET, {
          input: {
            name: String(form.get("name") ?? ""),
            description: String(form.get("description") ?? ""),
            overlap: Number(form.get("overlap") || 1),
          },
        });
        if (isFailure(createDataset)) return createDataset;
        // After an await the transition is over (React 19): mark the navigation as one again.
        startTransition(() => router.push(`/datasets/${createDataset.data.id}`));
      },
      { refresh: false },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New dataset</Button>
      {open ? (
        <Modal title="New dataset" description="It starts with the paper’s face rules; edit them on the dataset’s page." onClose={close} busy={mutation.pending}>
          <form onSubmit={handleSubmit} className="space-y-5" aria-label="New dataset">
            {unplaced ? <Alert>{unplaced}</Alert> : null}
            <Field id="dataset-name" label="Name" error={nameError}>
              <input id="dataset-name" name="name" required autoFocus maxLength={120} className={inputClass} {...describedBy("dataset-name", nameError)} />
            </Field>
            <Field id="dataset-description" label="Description" error={errors["description"]} hint="Optional. What is in it, and where the frames come from.">
              <textarea id="dataset-description" name="description" rows={3} maxLength={2000} className={inputClass} {...describedBy("dataset-description", errors["description"])} />
            </Field>
            <Field id="dataset-overlap" label="Labels per frame (overlap)" error={errors["overlap"]} hint="How many labellers should decide each frame, 1 to 10.">
              <input id="dataset-overlap" name="overlap" type="number" min={1} max={10} defaultValue={1} required className={`${inputClass} max-w-28`} {...describedBy("dataset-overlap", errors["overlap"])} />
            </Field>
            <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
              <Button variant="secondary" onClick={close} disabled={mutation.pending}>
                Cancel
              </Button>
              <Button type="submit" pending={mutation.pending}>
                Create dataset
              </Button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}
