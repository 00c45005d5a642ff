/**
 * Backbones, worker jobs and training runs as the web app reads them (see `Backbone`, `ExtractionJob`,
 * `TrainingJob`, `PredictionJob` and `TrainingRun` in the API schema), with the selections that fetch them.
 */
import type { JobStatus } from "@/lib/import-jobs";

export interface BackboneRef {
  id: string;
  name: string;
}

export interface BackboneDetail extends BackboneRef {
  dims: number;
  inputWidth: number;
  inputHeight: number;
  channelOrder: "RGB" | "BGR";
  scale: number;
  mean: number[];
  std: number[];
  tapLayer: string;
  pooling: "MAX" | "AVG";
  sha256: string;
  /** Admins only; null for everyone else. */
  modelPath: string | null;
  createdAt: string;
}

export const BACKBONE_FIELDS = "id name dims inputWidth inputHeight channelOrder scale mean std tapLayer pooling sha256 modelPath createdAt";

export interface FeatureCoverage {
  vectors: number;
  frames: number;
  ratio: number;
}

export const COVERAGE_FIELDS = "vectors frames ratio";

/** What every worker job shows while it runs (the `WorkerJob` interface). */
export interface WorkerJobView {
  id: string;
  datasetId: string;
  status: JobStatus;
  progress: number;
  done: number;
  total: number;
  failed: number;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const WORKER_JOB_FIELDS = "id datasetId status progress done total failed error cancelRequested createdAt startedAt finishedAt";

export interface ExtractionJobView extends WorkerJobView {
  backbone: BackboneRef | null;
}

export const EXTRACTION_JOB_FIELDS = `${WORKER_JOB_FIELDS} backbone { id name }`;

/**
 * What a run did to the labelling queue. `batch` and `labelSuspects` are for reviewers and admins
 * only (the API refuses them to others, who label blind), so they are selected only for them.
 */
export interface ActiveLearningView {
  runId: string | null;
  candidates: number;
  error: string | null;
  batch?: SuggestedFrame[];
  labelSuspects?: { frame: { id: string }; label: "FACE" | "NO_FACE"; decisionValue: number }[];
}

export interface SuggestedFrame {
  id: string;
  thumbnailUrl: string;
  sourceName: string;
  suggestion: { decisionValue: number | null; priority: number } | null;
}

export const activeLearningFields = (canReview: boolean) =>
  canReview
    ? "runId candidates error batch { id thumbnailUrl sourceName suggestion { decisionValue priority } } labelSuspects { frame { id } label decisionValue }"
    : "runId candidates error";

export interface TrainingJobView extends WorkerJobView {
  Cs: number[];
  kernels: string[];
  splitVersionId: string | null;
  backbone: BackboneRef | null;
  selectedRun: { id: string; variant: string; C: number | null } | null;
  activeLearning: ActiveLearningView | null;
}

export const trainingJobFields = (canReview: boolean) =>
  `${WORKER_JOB_FIELDS} Cs kernels splitVersionId backbone { id name } selectedRun { id variant C } activeLearning { ${activeLearningFields(canReview)} }`;

export interface PredictionJobView extends WorkerJobView {
  run: { id: string; variant: string; C: number | null } | null;
  activeLearning: ActiveLearningView | null;
}

export const predictionJobFields = (canReview: boolean) => `${WORKER_JOB_FIELDS} run { id variant C } activeLearning { ${activeLearningFields(canReview)} }`;

/** The figures of one split that the tables show. */
export interface SplitScore {
  count: number;
  accuracy: number;
  balancedAccuracy: number;
}

export const SPLIT_SCORE_FIELDS = "count accuracy balancedAccuracy";

/** Everything the API knows about a model's results on one split. */
export interface SplitMetricsDetail extends SplitScore {
  precision: number;
  recall: number;
  specificity: number;
  f1: number;
  confusion: { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };
}

export const SPLIT_METRICS_FIELDS = `${SPLIT_SCORE_FIELDS} precision recall specificity f1 confusion { truePositives falsePositives trueNegatives falseNegatives }`;

/** TRAIN, VAL, TEST (Table 1) and DISTINCT (Table 2), as the API names them in `RunMetrics`. */
export const METRIC_SPLITS = ["train", "val", "test", "distinct"] as const;
export type MetricSplit = (typeof METRIC_SPLITS)[number];

export type RunMetrics<M> = Record<MetricSplit, M | null>;

const metricsSelection = (fields: string) => METRIC_SPLITS.map((split) => `${split} { ${fields} }`).join(" ");

export interface RunSummary {
  id: string;
  jobId: string | null;
  splitVersionId: string | null;
  variant: string;
  kernel: "LINEAR" | "RBF" | "POLY";
  C: number | null;
  degree: number | null;
  supportCount: number | null;
  hasModel: boolean;
  selected: boolean;
  published: boolean;
  publishedAt: string | null;
  createdAt: string;
  backbone: BackboneRef;
  metrics: RunMetrics<SplitScore> | null;
}

export const RUN_SUMMARY_FIELDS = `
  id jobId splitVersionId variant kernel C degree supportCount hasModel selected published publishedAt createdAt
  backbone { id name }
  metrics { ${metricsSelection(SPLIT_SCORE_FIELDS)} }
`;

export interface RunDetail extends Omit<RunSummary, "metrics" | "backbone"> {
  datasetId: string;
  gamma: number | null;
  standardise: boolean | null;
  classWeights: string | null;
  backbone: BackboneRef & { dims: number; tapLayer: string; pooling: "MAX" | "AVG" };
  metrics: RunMetrics<SplitMetricsDetail> | null;
  predictionJob: WorkerJobView | null;
}

export const RUN_DETAIL_FIELDS = `
  id datasetId jobId splitVersionId variant kernel C degree gamma standardise classWeights supportCount hasModel selected published publishedAt createdAt
  backbone { id name dims tapLayer pooling }
  metrics { ${metricsSelection(SPLIT_METRICS_FIELDS)} }
  predictionJob { ${WORKER_JOB_FIELDS} }
`;

/** One row of the paper's tables: a backbone × kernel and the run VAL picked for it. */
export interface ResultsRow extends RunMetrics<SplitScore> {
  kernel: string;
  backbone: BackboneRef;
  run: { id: string; C: number | null; hasModel: boolean; selected: boolean; published: boolean; jobId: string | null; splitVersionId: string | null };
}

export const RESULTS_ROW_FIELDS = `
  kernel backbone { id name }
  run { id C hasModel selected published jobId splitVersionId }
  ${metricsSelection(SPLIT_SCORE_FIELDS)}
`;
