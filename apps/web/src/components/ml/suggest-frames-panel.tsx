"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button, buttonClass } from "@/components/button";
import { describedBy, inputClass } from "@/components/field";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { CancelJobButton } from "./cancel-job-button";
import { JobProgress } from "./job-progress";
import { predictionJobFields, type ActiveLearningView, type PredictionJobView } from "./ml-data";
import { useWorkerJob } from "./use-worker-job";

const FIELDS = predictionJobFields(true);

const SUGGEST_FRAMES = /* GraphQL */ `
  mutation SuggestFrames($datasetId: ID!, $runId: ID, $batchSize: Int) {
    suggestFrames(datasetId: $datasetId, runId: $runId, batchSize: $batchSize) {
      ${FAILURE_FIELDS}
      ... on SuggestFramesSuccess { data { ${FIELDS} } }
    }
  }
`;

type SuggestFramesResult = MutationFailure | { __typename: "SuggestFramesSuccess"; data: PredictionJobView };

/** Thumbnails of the batch shown: enough to see what the model is unsure about. */
const SHOWN = 12;

/**
 * "Suggest next frames" (reviewers and admins): a run scores every frame, then the labelling queue
 * puts a diverse batch of uncertain unlabelled frames first and sends train labels the run
 * contradicts to review. Live while the worker runs, then what it did.
 */
export function SuggestFramesPanel({ datasetId, runId, runText, canCancel = false }: { datasetId: string; runId?: string; runText: string; canCancel?: boolean }) {
  const mutation = useMutation();
  const { job, start, pollError } = useWorkerJob<PredictionJobView>(null, { field: "predictionJob", fields: FIELDS });
  const [batchSize, setBatchSize] = useState("100");
  const size = Number(batchSize);
  const sizeError = Number.isInteger(size) && size >= 1 && size <= 10_000 ? mutation.fieldErrors["batchSize"] : "A whole number from 1 to 10,000.";

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sizeError) return;
    mutation.run(
      async () => {
        const { suggestFrames } = await requestGraphQL<{ suggestFrames: SuggestFramesResult }>(SUGGEST_FRAMES, { datasetId, runId: runId ?? null, batchSize: size });
        if (isFailure(suggestFrames)) return suggestFrames;
        start(suggestFrames.data);
      },
      { refresh: false },
    );
  }

  return (
    <div className="space-y-4 px-5 py-4" data-testid="suggest-frames">
      <form onSubmit={handleSubmit} className="flex flex-wrap items-end gap-3" aria-label="Suggest next frames" noValidate>
        <div className="space-y-1.5">
          <label htmlFor="suggest-batch" className="block text-sm font-medium text-slate-700">
            Frames to put first
          </label>
          <input
            id="suggest-batch"
            inputMode="numeric"
            value={batchSize}
            onChange={(event) => setBatchSize(event.target.value.trim())}
            className={`${inputClass} w-28 tabular-nums`}
            {...describedBy("suggest-batch", sizeError)}
          />
        </div>
        <Button type="submit" pending={mutation.pending} disabled={Boolean(sizeError) || (job !== null && (job.status === "QUEUED" || job.status === "RUNNING"))}>
          Suggest next frames
        </Button>
      </form>
      {sizeError ? (
        <p id="suggest-batch-error" role="alert" className="text-xs font-medium text-red-600">
          {sizeError}
        </p>
      ) : (
        <p className="text-xs text-slate-500">Scores every frame with {runText}; labellers then get uncertain, varied frames first. Train labels it contradicts go to review.</p>
      )}
      {mutation.error && !mutation.fieldErrors["batchSize"] ? <Alert>{mutation.error}</Alert> : null}
      {job ? (
        <JobProgress
          job={job}
          label="Scoring frames"
          unit="frame"
          verb="Scoring"
          pollError={pollError}
          testId="suggest-progress"
          action={canCancel ? <CancelJobButton job={job} what="prediction" keeps="Predictions made so far stay." onCancelled={start} /> : null}
        />
      ) : null}
      {job?.status === "SUCCEEDED" && job.activeLearning ? <SuggestionOutcome datasetId={datasetId} outcome={job.activeLearning} /> : null}
    </div>
  );
}

function SuggestionOutcome({ datasetId, outcome }: { datasetId: string; outcome: ActiveLearningView }) {
  const batch = outcome.batch ?? [];
  const suspects = outcome.labelSuspects ?? [];
  return (
    <div className="space-y-3" data-testid="suggest-outcome" data-batch={batch.length} data-suspects={suspects.length} data-candidates={outcome.candidates}>
      {outcome.error ? <Alert tone="warning" title="The queue was not reordered">{outcome.error}</Alert> : null}
      <p className="text-sm text-slate-700">
        {plural(outcome.candidates, "unlabelled frame")} scored; <strong className="font-semibold text-slate-900">{plural(batch.length, "frame")}</strong> now come first in the
        labelling queue. {suspects.length > 0 ? `${plural(suspects.length, "train label")} the model contradicts went to review.` : "No train label was sent to review."}
      </p>
      {batch.length > 0 ? (
        <ul className="grid grid-cols-4 gap-2 sm:grid-cols-6" aria-label="Frames put first">
          {batch.slice(0, SHOWN).map((frame) => (
            <li key={frame.id} className="overflow-hidden rounded-md bg-slate-900 ring-1 ring-slate-200">
              <img src={frame.thumbnailUrl} alt={frame.sourceName} loading="lazy" className="aspect-video w-full object-contain" />
              <p className="bg-white px-1.5 py-0.5 text-[11px] text-slate-600 tabular-nums" title="Decision value: near 0 means unsure">
                {frame.suggestion?.decisionValue == null ? "—" : frame.suggestion.decisionValue.toFixed(2)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Link prefetch={false} href={`/datasets/${datasetId}/label`} className={buttonClass("secondary", "sm")}>
          Label them
        </Link>
        {suspects.length > 0 ? (
          <Link prefetch={false} href={`/datasets/${datasetId}/review`} className={buttonClass("secondary", "sm")}>
            Review ({suspects.length.toLocaleString("en")})
          </Link>
        ) : null}
      </div>
    </div>
  );
}
