"use client";

import { CancelJobButton } from "./cancel-job-button";
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
  cancel,
}: {
  initial: WorkerJobView;
  source: JobSource;
  label: string;
  unit: string;
  verb: string;
  testId?: string;
  /** For admins: a Cancel button while the job runs, naming what it stops and what stays. */
  cancel?: { what: string; keeps: string };
}) {
  const { job, start, pollError } = useWorkerJob(initial, { ...source, confirm: true });
  const current = job ?? initial;
  return (
    <JobProgress
      job={current}
      label={label}
      unit={unit}
      verb={verb}
      pollError={pollError}
      testId={testId}
      action={cancel ? <CancelJobButton job={current} what={cancel.what} keeps={cancel.keeps} onCancelled={start} /> : null}
    />
  );
}
