"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { Modal } from "@/components/modal";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { DEFAULT_PERCENTS, checkRatioPercents, formatPercent, randomSeed, type RatioPercents } from "./ratios";
import { SPLIT_STYLE } from "./split-bar";

const CREATE_SPLIT = /* GraphQL */ `
  mutation CreateSplit($datasetId: ID!, $input: CreateSplitInput!) {
    createSplit(datasetId: $datasetId, input: $input) {
      ${FAILURE_FIELDS}
      ... on CreateSplitSuccess { data { id } }
    }
  }
`;

type CreateSplitResult = MutationFailure | { __typename: "CreateSplitSuccess"; data: { id: string } };

const RATIO_FIELDS = [
  { key: "train", split: "TRAIN" },
  { key: "val", split: "VAL" },
  { key: "test", split: "TEST" },
] as const;

/** The first of v1, v2, … that the dataset does not use yet. */
function suggestName(taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`v${n}`)) return `v${n}`;
}

/**
 * A new split version (admins): name, train / validation / test percentages (the paper's 48 / 20 / 32
 * by default, checked live to add up to 100%) and a seed (random, and stored, so the split can be
 * made again). On success it opens the new version, with its leakage report.
 */
export function NewSplitButton({ datasetId, takenNames, distinctTitles }: { datasetId: string; takenNames: string[]; distinctTitles: string[] }) {
  const mutation = useMutation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [percents, setPercents] = useState<RatioPercents>(DEFAULT_PERCENTS);
  const [seed, setSeed] = useState("");
  /** Created, and the browser is loading the new version's page: the dialog stays busy until it goes. */
  const [leaving, setLeaving] = useState(false);
  const busy = mutation.pending || leaving;
  const check = checkRatioPercents(percents);
  const seedValue = Number(seed);
  const seedError = seed.trim() === "" || !Number.isInteger(seedValue) || seedValue < 0 || seedValue >= 2 ** 31 ? "A whole number from 0 to 2147483647." : undefined;
  const errors = mutation.fieldErrors;
  const nameError = errors["name"] ?? (mutation.failure?.__typename === "ConflictError" && /named/.test(mutation.failure.message) ? mutation.failure.message : undefined);
  const ratiosError = errors["ratios"] ?? errors["train"] ?? errors["val"] ?? errors["test"];
  const unplaced = mutation.error && !nameError && !ratiosError && !errors["seed"] ? mutation.error : null;

  function start() {
    mutation.reset();
    setName(suggestName(takenNames));
    setPercents(DEFAULT_PERCENTS);
    setSeed(String(randomSeed()));
    setOpen(true);
  }

  function close() {
    setOpen(false);
    mutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!check.ok || seedError || busy) return;
    const ratios = check.ratios;
    mutation.run(
      async () => {
        const { createSplit } = await requestGraphQL<{ createSplit: CreateSplitResult }>(CREATE_SPLIT, {
          datasetId,
          input: { name: name.trim(), ratios, seed: seedValue },
        });
        if (isFailure(createSplit)) return createSplit;
        // A full page load, not router.push: on Next 15.5 a soft navigation started from this
        // transition now and then never commits on a busy machine (vercel/next.js#98305), which
        // would leave the dialog spinning over a split that exists; and the splits page cached in
        // the client router would still show the list without it.
        setLeaving(true);
        window.location.assign(`/datasets/${datasetId}/splits/${createSplit.data.id}`);
      },
      { refresh: false },
    );
  }

  return (
    <>
      <Button onClick={start}>New split</Button>
      {open ? (
        <Modal
          title="New split"
          description="Every frame with a final face or no-face label is assigned, whole scenes at a time, balanced per title and label. The new version becomes current."
          onClose={close}
          busy={busy}
        >
          <form onSubmit={handleSubmit} className="space-y-5" aria-label="New split" noValidate>
            {unplaced ? <Alert>{unplaced}</Alert> : null}
            <Field id="split-name" label="Name" error={nameError} hint="Unique within the dataset, e.g. v1 or paper-48-20-32.">
              <input
                id="split-name"
                name="name"
                required
                autoFocus
                maxLength={120}
                value={name}
                onChange={(event) => setName(event.target.value)}
                className={inputClass}
                {...describedBy("split-name", nameError)}
              />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Ratios of the frames not in distinct titles</legend>
              <div className="mt-1.5 grid grid-cols-3 gap-3">
                {RATIO_FIELDS.map(({ key, split }) => {
                  const invalid = !check.ok && (check.field === key || (check.field === undefined && check.sum !== null));
                  return (
                    <div key={key}>
                      <label htmlFor={`split-ratio-${key}`} className="mb-1 flex items-center gap-1.5 text-xs font-medium text-slate-600">
                        <span className={`size-2 rounded-full ${SPLIT_STYLE[split].bar}`} aria-hidden="true" />
                        {SPLIT_STYLE[split].label} (%)
                      </label>
                      <input
                        id={`split-ratio-${key}`}
                        name={key}
                        type="number"
                        inputMode="decimal"
                        min={0}
                        max={100}
                        step="any"
                        value={percents[key]}
                        onChange={(event) => setPercents({ ...percents, [key]: event.target.value })}
                        className={`${inputClass} tabular-nums`}
                        aria-invalid={invalid || undefined}
                        aria-describedby="split-ratio-check"
                      />
                    </div>
                  );
                })}
              </div>
              <div className="mt-2 flex h-2 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset" aria-hidden="true">
                {RATIO_FIELDS.map(({ key, split }) => {
                  const value = Number(percents[key]);
                  const width = Number.isFinite(value) && value > 0 ? Math.min(100, value) : 0;
                  return <div key={key} className={`h-full ${SPLIT_STYLE[split].bar}`} style={{ width: `${width}%` }} />;
                })}
              </div>
              <p
                id="split-ratio-check"
                role={check.ok ? "status" : "alert"}
                data-testid="ratio-check"
                className={`mt-1.5 text-xs font-medium ${check.ok && !ratiosError ? "text-emerald-700" : "text-red-600"}`}
              >
                {ratiosError ?? (check.ok ? `Adds up to ${formatPercent(check.sum)}. The paper used 48 / 20 / 32.` : check.message)}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                {distinctTitles.length > 0
                  ? `Held out as the distinct test set: ${distinctTitles.join(", ")}.`
                  : "No title is distinct: mark one on the splits page to hold it out as a test set of unseen titles."}
              </p>
            </fieldset>
            <Field id="split-seed" label="Seed" error={seedError ?? errors["seed"]} hint="The same seed and labels give the same split.">
              <div className="flex gap-2">
                <input
                  id="split-seed"
                  name="seed"
                  inputMode="numeric"
                  value={seed}
                  onChange={(event) => setSeed(event.target.value.trim())}
                  className={`${inputClass} font-mono tabular-nums`}
                  {...describedBy("split-seed", seedError ?? errors["seed"])}
                />
                <Button variant="secondary" onClick={() => setSeed(String(randomSeed()))} aria-label="Pick another random seed">
                  Shuffle
                </Button>
              </div>
            </Field>
            <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
              <Button variant="secondary" onClick={close} disabled={busy}>
                Cancel
              </Button>
              <Button type="submit" pending={busy} disabled={!check.ok || Boolean(seedError) || name.trim() === ""}>
                Create split
              </Button>
            </div>
          </form>
        </Modal>
      ) : null}
    </>
  );
}
