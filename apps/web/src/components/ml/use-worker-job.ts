import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { requestGraphQL } from "@/lib/graphql-client";
import { isActive } from "@/lib/import-jobs";
import type { WorkerJobView } from "./ml-data";

const POLL_MS = 1000;
const RETRY_MS = 5000;

/** Which job query to poll, and the selection to read. */
export interface JobSource {
  /** `extractionJob`, `trainingJob` or `predictionJob`. */
  field: "extractionJob" | "trainingJob" | "predictionJob";
  fields: string;
}

function fetchJob<J>(source: JobSource, id: string): Promise<J> {
  const query = `query PollJob($id: ID!) { job: ${source.field}(id: $id) { ${source.fields} } }`;
  return requestGraphQL<{ job: J }>(query, { id }).then((data) => data.job);
}

/**
 * A worker job kept fresh: polled every second while it is queued or running, then left alone. When
 * it finishes, the server components re-render (coverage, results, badges) with router.refresh().
 * A newer job from the server (after a refresh) replaces the one shown; `start` shows one just queued.
 */
export function useWorkerJob<J extends WorkerJobView>(initial: J | null, source: JobSource) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [seenInitial, setSeenInitial] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wasActive = useRef(false);
  const active = job ? isActive(job.status) : false;
  const { field, fields } = source;

  // Adopting new props while rendering (React's pattern for state derived from props): the server's
  // newer job wins over an older local one; its own refreshed copy of the same job is taken as well.
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    if (initial && (!job || initial.id === job.id || initial.createdAt >= job.createdAt)) setJob(initial);
  }

  useEffect(() => {
    if (!active || !job) return;
    let stopped = false;
    const timer = setTimeout(
      () => {
        fetchJob<J>({ field, fields }, job.id).then(
          (next) => {
            if (stopped) return;
            setPollError(null);
            setJob(next);
          },
          (error: unknown) => {
            if (stopped) return;
            setPollError(error instanceof Error ? error.message : "Cannot refresh the job's progress.");
            setAttempt((n) => n + 1);
          },
        );
      },
      pollError ? RETRY_MS : POLL_MS,
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // A new job object (or a failed attempt) schedules the next poll.
  }, [active, job, attempt, pollError, field, fields]);

  useEffect(() => {
    if (active) {
      wasActive.current = true;
    } else if (wasActive.current) {
      wasActive.current = false;
      router.refresh();
    }
  }, [active, router]);

  return { job, start: setJob, pollError, active };
}
