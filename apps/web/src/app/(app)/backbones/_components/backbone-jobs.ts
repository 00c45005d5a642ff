import type { WorkerJobView } from "@/components/ml/ml-data";

/** A catalog download or Keras import as the Backbones page reads it (`BackboneJob` in the API schema). */
export interface BackboneJobView extends WorkerJobView {
  source: "CATALOG" | "KERAS" | null;
  name: string | null;
  catalogKey: string | null;
  backbone: { id: string; name: string } | null;
}

export const BACKBONE_JOB_FIELDS = "id datasetId status progress done total failed error cancelRequested createdAt startedAt finishedAt source name catalogKey backbone { id name }";

/** The newest job per catalog model (jobs come newest first). */
export function latestJobByKey(jobs: readonly BackboneJobView[]): Map<string, BackboneJobView> {
  const latest = new Map<string, BackboneJobView>();
  for (const job of jobs) if (job.catalogKey && !latest.has(job.catalogKey)) latest.set(job.catalogKey, job);
  return latest;
}
