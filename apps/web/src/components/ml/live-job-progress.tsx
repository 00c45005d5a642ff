"use client";

import { JobProgress } from "./job-progress";
import type { WorkerJobView } from "./ml-data";
import { useWorkerJob, type JobSource } from "./use-worker-job";

/** A job's progress, polled while it runs; the page re-renders with its results once it is done. */
export function LiveJobProgress({
  initial,
  source,
  label,
  unit,
  verb,
  testId,
}: {
  initial: WorkerJobView;
  source: JobSource;
  label: string;
  unit: string;
  verb: string;
  testId?: string;
}) {
  const { job, pollError } = useWorkerJob(initial, { ...source, confirm: true });
  return <JobProgress job={job ?? initial} label={label} unit={unit} verb={verb} pollError={pollError} testId={testId} />;
}
