"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { DEFAULT_CS, PAPER_KERNELS, kernelLabel, parseCs } from "./results";

const START_TRAINING = /* GraphQL */ `
  mutation StartTraining($input: StartTrainingInput!) {
    startTraining(input: $input) {
      ${FAILURE_FIELDS}
      ... on StartTrainingSuccess { data { id } }
    }
  }
`;

const NAVIGATION_FALLBACK_MS = 4000;

type StartTrainingResult = MutationFailure | { __typename: "StartTrainingSuccess"; data: { id: string } };

export interface TrainBackbone {
  id: string;
  name: string;
  vectors: number;
  frames: number;
}

export interface TrainSplitVersion {
  id: string;
  name: string;
  locked: boolean;
  current: boolean;
  frameCount: number;
}

/** The backbone to offer first: the one with most frames extracted (ties: the list's order). */
function bestCovered(backbones: readonly TrainBackbone[]): string {
  let best = backbones[0];
  for (const backbone of backbones) if (best && backbone.vectors > best.vectors) best = backbone;
  return best?.id ?? "";
}

/**
 * The paper's grid (admins): one backbone's features and a split version; every ticked kernel with
 * every C, fitted on TRAIN and picked on VAL. Defaults follow the paper and what worked on anime
 * frames: all its kernels, class-balanced weights, no standardising. Opens the job once queued.
 */
export function TrainForm({ datasetId, backbones, splitVersions }: { datasetId: string; backbones: TrainBackbone[]; splitVersions: TrainSplitVersion[] }) {
  const router = useRouter();
  const mutation = useMutation();
  // Until someone picks one, the backbone follows the features: extracting makes it the default.
  const [chosenBackbone, setBackboneId] = useState<string | null>(null);
  const backboneId = chosenBackbone ?? bestCovered(backbones);
  const [splitVersionId, setSplitVersionId] = useState(() => (splitVersions.find((version) => version.current) ?? splitVersions[0])?.id ?? "");
  const [kernels, setKernels] = useState<string[]>(() => PAPER_KERNELS.map((choice) => choice.key));
  const [cs, setCs] = useState(DEFAULT_CS);
  const [classWeights, setClassWeights] = useState<"balanced" | "none">("balanced");
  const [standardise, setStandardise] = useState(false);
  const parsedCs = parseCs(cs);
  const backbone = backbones.find((candidate) => candidate.id === backboneId);
  const version = splitVersions.find((candidate) => candidate.id === splitVersionId);
  const errors = mutation.fieldErrors;
  const csError = parsedCs.ok ? errors["Cs"] : parsedCs.message;
  const kernelsError = kernels.length === 0 ? "Tick at least one kernel." : errors["kernels"] ?? errors["degree"];
  const placed = new Set(["Cs", "kernels", "degree", "backboneId", "splitVersionId"]);
  const unplaced = mutation.error && !Object.keys(errors).some((key) => placed.has(key)) ? mutation.error : null;
  const runs = parsedCs.ok ? parsedCs.values.length * kernels.length : 0;
  // The job's page, once queued. A soft navigation is now and then dropped (see
  // useRefreshWhileStale); if it has not happened after a few seconds, load the page instead.
  const [opening, setOpening] = useState<string | null>(null);
  useEffect(() => {
    if (!opening) return;
    const timer = setTimeout(() => {
      if (window.location.pathname + window.location.search !== opening) window.location.assign(`${opening}#results`);
    }, NAVIGATION_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, [opening]);

  function toggle(key: string, on: boolean) {
    setKernels((current) => (on ? PAPER_KERNELS.map((choice) => choice.key).filter((k) => k === key || current.includes(k)) : current.filter((k) => k !== key)));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!parsedCs.ok || kernels.length === 0 || !backboneId || !splitVersionId) return;
    const choices = PAPER_KERNELS.filter((choice) => kernels.includes(choice.key)).map((choice) => (choice.degree === null ? { kernel: choice.kernel } : { kernel: choice.kernel, degree: choice.degree }));
    mutation.run(
      async () => {
        const { startTraining } = await requestGraphQL<{ startTraining: StartTrainingResult }>(START_TRAINING, {
          input: { datasetId, backboneId, splitVersionId, kernels: choices, Cs: parsedCs.values, classWeights, standardise },
        });
        if (isFailure(startTraining)) return startTraining;
        const target = `/datasets/${datasetId}/models?job=${startTraining.data.id}`;
        setOpening(target);
        startTransition(() => router.push(`${target}#results`, { scroll: false }));
      },
      { refresh: false },
    );
  }

  if (splitVersions.length === 0) {
    return <p className="px-5 py-4 text-sm text-slate-500">Make a split first: training fits on its train set and picks on its validation set.</p>;
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-5 px-5 py-5" aria-label="Train" noValidate>
      {unplaced ? <Alert>{unplaced}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          id="train-backbone"
          label="Backbone"
          error={errors["backboneId"]}
          hint={backbone && backbone.vectors === 0 ? "No frame has its features yet: extract them first." : backbone ? `${backbone.vectors.toLocaleString("en")} of ${plural(backbone.frames, "frame")} have features.` : undefined}
        >
          <select id="train-backbone" value={backboneId} onChange={(event) => setBackboneId(event.target.value)} className={`${inputClass} pr-8`} {...describedBy("train-backbone", errors["backboneId"])}>
            {backbones.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="train-split"
          label="Split version"
          error={errors["splitVersionId"]}
          hint={version ? (version.locked ? `${plural(version.frameCount, "frame")}, locked.` : `${plural(version.frameCount, "frame")}. Not locked: lock it before you report its results.`) : undefined}
        >
          <select id="train-split" value={splitVersionId} onChange={(event) => setSplitVersionId(event.target.value)} className={`${inputClass} pr-8`} {...describedBy("train-split", errors["splitVersionId"])}>
            {splitVersions.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
                {candidate.current ? " (current)" : ""}
                {candidate.locked ? " · locked" : ""}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset aria-describedby="train-kernels-note">
        <legend className="text-sm font-medium text-slate-700">Kernels</legend>
        <div className="mt-1.5 flex flex-wrap gap-2">
          {PAPER_KERNELS.map((choice) => {
            const checked = kernels.includes(choice.key);
            return (
              <label
                key={choice.key}
                className={`inline-flex cursor-pointer items-center gap-2 rounded-lg px-3 py-1.5 text-sm ring-1 ring-inset transition ${checked ? "bg-indigo-50 text-indigo-900 ring-indigo-300" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
              >
                <input type="checkbox" name="kernel" value={choice.key} className="size-4 rounded accent-indigo-600" checked={checked} onChange={(event) => toggle(choice.key, event.target.checked)} />
                {kernelLabel(choice.key)}
              </label>
            );
          })}
        </div>
        <div className="mt-1.5 flex flex-wrap items-center justify-between gap-2">
          <p id="train-kernels-note" role={kernelsError ? "alert" : undefined} className={`text-xs ${kernelsError ? "font-medium text-red-600" : "text-slate-500"}`}>
            {kernelsError ?? "Pre-ticked: the paper’s linear, RBF and polynomial kernels of degree 2–6, 10 and 20."}
          </p>
          <span className="flex gap-1">
            <Button variant="ghost" size="sm" onClick={() => setKernels(PAPER_KERNELS.map((choice) => choice.key))}>
              Tick the paper’s set
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setKernels([])}>
              Untick all
            </Button>
          </span>
        </div>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <Field id="train-cs" label="Values of C" error={csError} hint={`Every kernel is fitted with each; ${plural(runs, "SVM")} in all.`}>
          <input id="train-cs" name="Cs" value={cs} onChange={(event) => setCs(event.target.value)} className={`${inputClass} font-mono`} {...describedBy("train-cs", csError)} />
        </Field>
        <div className="space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Class weights</legend>
            <div className="mt-1.5 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="classWeights" value="balanced" className="accent-indigo-600" checked={classWeights === "balanced"} onChange={() => setClassWeights("balanced")} />
                Balanced
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="classWeights" value="none" className="accent-indigo-600" checked={classWeights === "none"} onChange={() => setClassWeights("none")} />
                None
              </label>
            </div>
            <p className="mt-1 text-xs text-slate-500">Balanced weighs the rarer class up; without it, no-face recall tends to suffer.</p>
          </fieldset>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" className="mt-0.5 size-4 rounded accent-indigo-600" checked={standardise} onChange={(event) => setStandardise(event.target.checked)} />
            <span>
              Standardise features on the train set
              <span className="block text-xs text-slate-500">Off by default: it usually hurt on pooled CNN features.</span>
            </span>
          </label>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
        <p className="text-xs text-slate-500">Fitted on train, picked on validation; test and distinct test are only evaluated.</p>
        <Button type="submit" pending={mutation.pending} disabled={!parsedCs.ok || kernels.length === 0 || !backboneId || !splitVersionId}>
          Train {plural(runs, "SVM")}
        </Button>
      </div>
    </form>
  );
}
