import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import {
  COVERAGE_FIELDS,
  EXTRACTION_JOB_FIELDS,
  RESULTS_ROW_FIELDS,
  RUN_SUMMARY_FIELDS,
  trainingJobFields,
  type ExtractionJobView,
  type FeatureCoverage,
  type ResultsRow,
  type RunSummary,
  type TrainingJobView,
} from "@/components/ml/ml-data";
import { graphqlOrNotFound } from "@/server/graphql";

/** Training jobs listed on the page, newest first. */
export const JOBS_SHOWN = 10;

const MODELS_PAGE = /* GraphQL */ `
  query ModelsPage($id: ID!) {
    dataset(id: $id) {
      id name frameCount
      extractions(first: 20) { edges { node { ${EXTRACTION_JOB_FIELDS} } } }
      trainingJobs(first: ${JOBS_SHOWN}) { edges { node { ${trainingJobFields(false)} } } pageInfo { hasNextPage } }
    }
    backbones { id name dims inputWidth inputHeight tapLayer pooling featureCoverage(datasetId: $id) { ${COVERAGE_FIELDS} } }
    splitVersions(datasetId: $id, first: 50) { edges { node { id name locked current frameCount } } }
  }
`;

export interface ModelsPageData {
  dataset: {
    id: string;
    name: string;
    frameCount: number;
    extractions: { edges: { node: ExtractionJobView }[] };
    trainingJobs: { edges: { node: TrainingJobView }[]; pageInfo: { hasNextPage: boolean } };
  };
  backbones: { id: string; name: string; dims: number; inputWidth: number; inputHeight: number; tapLayer: string; pooling: "MAX" | "AVG"; featureCoverage: FeatureCoverage }[];
  splitVersions: { edges: { node: { id: string; name: string; locked: boolean; current: boolean; frameCount: number } }[] };
}

// Metadata and page share one request.
export const loadModelsPage = cache((datasetId: string) => graphqlOrNotFound<ModelsPageData>(MODELS_PAGE, { id: datasetId }));

export interface ResultsData {
  results: { runs: RunSummary[]; table: ResultsRow[] };
  /** Every run of the dataset, to find the published one. */
  published: RunSummary | null;
  /** The job whose results are shown; null for all jobs together. */
  job: TrainingJobView | null;
}

/**
 * The runs and the paper's tables of one training job (or of all of them, `jobId` null), the job with
 * what it did to the labelling queue, and the dataset's published run.
 */
export async function loadResults(datasetId: string, jobId: string | null, canReview: boolean): Promise<ResultsData> {
  const query = /* GraphQL */ `
    query ModelsResults($id: ID!${jobId ? ", $jobId: ID!" : ""}) {
      results: trainingRuns(datasetId: $id${jobId ? ", jobId: $jobId" : ""}) { runs { ${RUN_SUMMARY_FIELDS} } table { ${RESULTS_ROW_FIELDS} } }
      all: trainingRuns(datasetId: $id) { runs { ${RUN_SUMMARY_FIELDS} } }
      ${jobId ? `job: trainingJob(id: $jobId) { ${trainingJobFields(canReview)} }` : ""}
    }
  `;
  const data = await graphqlOrNotFound<{ results: ResultsData["results"]; all: { runs: RunSummary[] }; job?: TrainingJobView }>(query, { id: datasetId, ...(jobId ? { jobId } : {}) });
  // A job of another dataset under this dataset's URL is not a page.
  if (data.job && data.job.datasetId !== datasetId) notFound();
  return { results: data.results, published: data.all.runs.find((run) => run.published) ?? null, job: data.job ?? null };
}

/** The job shown by default: the newest that finished well (its tables are worth seeing), else the newest. */
export function defaultJobId(jobs: readonly TrainingJobView[]): string | null {
  return (jobs.find((job) => job.status === "SUCCEEDED") ?? jobs[0])?.id ?? null;
}
