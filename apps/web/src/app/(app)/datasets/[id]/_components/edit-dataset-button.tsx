"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { Modal } from "@/components/modal";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import type { DatasetDetail } from "../types";

const UPDATE_DATASET = /* GraphQL */ `
  mutation UpdateDataset($id: ID!, $input: UpdateDatasetInput!, $expectedUpdatedAt: DateTime) {
    updateDataset(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {
      ${FAILURE_FIELDS}
      ... on UpdateDatasetSuccess { data { id updatedAt } }
    }
  }
`;

type UpdateDatasetResult = MutationFailure | { __typename: "UpdateDatasetSuccess"; data: { id: string; updatedAt: string } };

/** One rule name per line; blank lines are ignored. */
const parseRuleNames = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Admins edit name, description, overlap, face rules and rule names; a concurrent edit is refused, not overwritten. */
export function EditDatasetButton({ dataset }: { dataset: Pick<DatasetDetail, "id" | "name" | "description" | "guidelines" | "ruleNames" | "overlap" | "updatedAt"> }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const mutation = useMutation();
  const errors = mutation.fieldErrors;
  const conflict = mutation.failure?.__typename === "ConflictError" ? mutation.failure.message : null;
  const nameConflict = conflict && /name/i.test(conflict) ? conflict : null;
  const nameError = errors["name"] ?? nameConflict ?? undefined;
  // A duplicate is reported at `input.ruleNames.<index>`, the list itself at `input.ruleNames`.
  const failure = mutation.failure;
  const ruleNamesError = failure?.__typename === "ValidationError" ? failure.inputErrors.find((error) => /(^|\.)ruleNames(\.|$)/.test(error.path))?.message : undefined;

  function close() {
    setOpen(false);
    mutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.run(
      async () => {
        const { updateDataset } = await requestGraphQL<{ updateDataset: UpdateDatasetResult }>(UPDATE_DATASET, {
          id: dataset.id,
          expectedUpdatedAt: dataset.updatedAt,
          input: {
            name: String(form.get("name") ?? ""),
            description: String(form.get("description") ?? ""),
            overlap: Number(form.get("overlap") || dataset.overlap),
            guidelines: String(form.get("guidelines") ?? ""),
            ruleNames: parseRuleNames(String(form.get("ruleNames") ?? "")),
          },
        });
        if (isFailure(updateDataset)) return updateDataset;
        // useMutation refreshes the page (inside a transition) once this returns.
        setOpen(false);
        return null;
      },
    );
  }

  function reload() {
    // Fresh data (and a fresh updatedAt) for the page; the dialog closes so nobody saves stale text by accident.
    close();
    router.refresh();
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Edit dataset
      </Button>
      {open ? (
        <Modal title="Edit dataset" description="Changes apply to everyone labelling this dataset." onClose={close} busy={mutation.pending} size="lg">
          <form onSubmit={handleSubmit} className="space-y-5" aria-label="Edit dataset">
            {conflict && !nameConflict ? (
              <Alert
                tone="warning"
                title="Someone else changed this dataset"
                action={
                  <Button size="sm" variant="secondary" onClick={reload}>
                    Reload
                  </Button>
                }
              >
                Your changes were not saved. Reload to see the latest version, then apply your change again.
              </Alert>
            ) : mutation.error && !Object.keys(errors).length && !nameConflict && !ruleNamesError ? (
              <Alert>{mutation.error}</Alert>
            ) : null}
            <div className="grid gap-5 sm:grid-cols-4">
              <Field id="edit-name" label="Name" error={nameError} className="sm:col-span-3">
                <input id="edit-name" name="name" required maxLength={120} defaultValue={dataset.name} className={inputClass} {...describedBy("edit-name", nameError)} />
              </Field>
              <Field id="edit-overlap" label="Labels per frame" error={errors["overlap"]}>
                <input id="edit-overlap" name="overlap" type="number" min={1} max={10} required defaultValue={dataset.overlap} className={inputClass} {...describedBy("edit-overlap", errors["overlap"])} />
              </Field>
            </div>
            <Field id="edit-description" label="Description" error={errors["description"]}>
              <textarea id="edit-description" name="description" rows={2} maxLength={2000} defaultValue={dataset.description} className={inputClass} {...describedBy("edit-description", errors["description"])} />
            </Field>
            <Field id="edit-guidelines" label="Face rules (Markdown)" error={errors["guidelines"]} hint="Headings (#), lists (1. or -), **bold**, *italic*, `code` and [links](https://…).">
              <textarea id="edit-guidelines" name="guidelines" rows={14} defaultValue={dataset.guidelines} className={`${inputClass} font-mono text-xs leading-relaxed`} {...describedBy("edit-guidelines", errors["guidelines"])} />
            </Field>
            <Field id="edit-rule-names" label="Rule checkboxes" error={ruleNamesError} hint="Short names of the face rules, one per line (up to 10). Labellers tick the ones that applied, with keys 1–9.">
              <textarea
                id="edit-rule-names"
                name="ruleNames"
                rows={4}
                defaultValue={dataset.ruleNames.join("\n")}
                className={`${inputClass} text-sm`}
                {...describedBy("edit-rule-names", ruleNamesError)}
              />
            </Field>
            <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
              <Button variant="secondary" onClick={close} disabled={mutation.pending}>
                Cancel
              </Button>
              <Button type="submit" pending={mutation.pending}>
                Save changes
              </Button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}
