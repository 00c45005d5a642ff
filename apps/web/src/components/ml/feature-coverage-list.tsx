"use client";

import { useState } from "react";
import { Button } from "@/components/button";
import { ProgressBar } from "@/components/progress-bar";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { CancelJobButton } from "./cancel-job-button";
import { JobProgress } from "./job-progress";
import { EXTRACTION_JOB_FIELDS, type ExtractionJobView, type FeatureCoverage } from "./ml-data";
import { useWorkerJob } from "./use-worker-job";

const START_EXTRACTION = /* GraphQL */ `
  mutation StartExtraction($input: StartExtractionInput!) {
    startExtraction(input: $input) {
      ${FAILURE_FIELDS}
      ... on StartExtractionSuccess { data { ${EXTRACTION_JOB_FIELDS} } }
    }
  }
`;

type StartExtractionResult = MutationFailure | { __typename: "StartExtractionSuccess"; data: ExtractionJobView };

const SOURCE = { field: "extractionJob", fields: EXTRACTION_JOB_FIELDS, confirm: true } as const;

export interface CoverageRowData {
  backbone: { id: string; name: string; dims: number; inputWidth: number; inputHeight: number; tapLayer: string; pooling: "MAX" | "AVG" };
  coverage: FeatureCoverage;
  /** The backbone's latest extraction of this dataset, if any. */
  job: ExtractionJobView | null;
}

/** Per backbone: how many frames have a feature vector, and (admins) the button that extracts the rest, live while it runs. */
export function FeatureCoverageList({ datasetId, rows, isAdmin }: { datasetId: string; rows: CoverageRowData[]; isAdmin: boolean }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="feature-coverage">
      {rows.map((row) => (
        <CoverageRow key={row.backbone.id} datasetId={datasetId} row={row} isAdmin={isAdmin} />
      ))}
    </ul>
  );
}

function CoverageRow({ datasetId, row, isAdmin }: { datasetId: string; row: CoverageRowData; isAdmin: boolean }) {
  const { backbone, coverage } = row;
  const { job, start, active, pollError } = useWorkerJob(row.job, SOURCE);
  const [startedHere, setStartedHere] = useState(false);
  const mutation = useMutation();
  const complete = coverage.frames > 0 && coverage.vectors >= coverage.frames;
  const percent = coverage.ratio * 100;
  const showJob = active || startedHere || job?.status === "FAILED" || (job?.failed ?? 0) > 0;

  function extract() {
    mutation.run(
      async () => {
        const { startExtraction } = await requestGraphQL<{ startExtraction: StartExtractionResult }>(START_EXTRACTION, { input: { datasetId, backboneId: backbone.id } });
        if (isFailure(startExtraction)) return startExtraction;
        setStartedHere(true);
        start(startExtraction.data);
      },
      { refresh: false },
    );
  }

  return (
    <li
      className="space-y-3 px-5 py-4"
      data-testid="coverage-row"
      data-backbone={backbone.name}
      data-vectors={coverage.vectors}
      data-frames={coverage.frames}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{backbone.name}</p>
          <p className="mt-0.5 text-xs text-slate-500">
            {backbone.dims.toLocaleString("en")} features · {backbone.inputWidth}×{backbone.inputHeight} input · {backbone.pooling === "MAX" ? "max" : "average"}-pooled{" "}
            <span className="font-mono">{backbone.tapLayer}</span>
          </p>
        </div>
        {isAdmin ? (
          <Button
            variant={complete ? "secondary" : "primary"}
            size="sm"
            onClick={extract}
            pending={mutation.pending}
            disabled={active || complete || coverage.frames === 0}
            aria-label={`Extract features with ${backbone.name}`}
          >
            {active ? "Extracting…" : complete ? "Up to date" : coverage.vectors > 0 ? "Extract the rest" : "Extract features"}
          </Button>
        ) : null}
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-3">
        <ProgressBar value={percent} label={`Frames with ${backbone.name} features`} tone={complete ? "green" : "slate"} size="sm" />
        <span className="text-xs text-slate-600 tabular-nums" data-testid="coverage-text">
          {coverage.vectors.toLocaleString("en")} / {coverage.frames.toLocaleString("en")} frames ({Math.floor(percent)}%)
        </span>
      </div>
      {mutation.error ? (
        <p role="alert" className="text-xs font-medium text-red-600">
          {mutation.error}
        </p>
      ) : null}
      {job && showJob ? (
        <JobProgress
          job={job}
          label={`Extraction with ${backbone.name}`}
          unit="frame"
          verb="Extracting"
          pollError={pollError}
          testId="extraction-job"
          action={isAdmin ? <CancelJobButton job={job} what="extraction" keeps="Vectors extracted so far stay." onCancelled={start} /> : null}
        />
      ) : null}
    </li>
  );
}
