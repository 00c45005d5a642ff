import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { requestGraphQL } from "@/lib/graphql-client";
import { isActive } from "@/lib/import-jobs";
import type { WorkerJobView } from "./ml-data";

const POLL_MS = 1000;
const RETRY_MS = 5000;
/** How long a finished job's refresh may take before it is asked for again, and how often. */
const CONFIRM_MS = 5000;
const MAX_EXTRA_REFRESHES = 3;

/** Which job query to poll, and the selection to read. */
export interface JobSource {
  /** `extractionJob`, `trainingJob`, `predictionJob` or `backboneJob`. */
  field: "extractionJob" | "trainingJob" | "predictionJob" | "backboneJob";
  fields: string;
  /**
   * The server components pass this job back (as `initial`) once they re-render: refresh again until
   * they show it finished. Off for jobs the page does not list.
   */
  confirm?: boolean;
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
  /** Refreshes asked for since the job finished (0 while it runs). */
  const [refreshes, setRefreshes] = useState(0);
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
      setRefreshes(0);
    } else if (wasActive.current) {
      wasActive.current = false;
      setRefreshes(1);
      router.refresh();
    }
  }, [active, router]);

  // Now and then a refresh is never applied (the response arrives but the page keeps its old state;
  // seen in headless Chromium under `next start`, like the dropped navigations in the e2e support).
  // Until the server's copy of the job shows it finished, ask again a few times, then reload.
  const settled = !job || active || (initial?.id === job.id && !isActive(initial.status));
  const confirm = source.confirm ?? false;
  useEffect(() => {
    if (settled || !confirm || refreshes === 0) return;
    const timer = setTimeout(() => {
      // Last resort: a full page load always shows the server's state.
      if (refreshes > MAX_EXTRA_REFRESHES) {
        window.location.reload();
        return;
      }
      setRefreshes((n) => n + 1);
      router.refresh();
    }, CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [settled, confirm, refreshes, router]);

  return { job, start: setJob, pollError, active };
}
