import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { requestGraphQL } from "@/lib/graphql-client";
import { IMPORT_JOB_FIELDS, IMPORT_JOB_SUMMARY_FIELDS, isActive, type ImportJobSummary } from "@/lib/import-jobs";

const POLL_MS = 1000;
const RETRY_MS = 5000;

const query = (detail: boolean) => /* GraphQL */ `
  query ImportJob($id: ID!) {
    importJob(id: $id) { ${detail ? IMPORT_JOB_FIELDS : IMPORT_JOB_SUMMARY_FIELDS} }
  }
`;

/**
 * An import job kept fresh: polled every second while it is queued or running, then left alone.
 * When it finishes the server components re-render (frame counts, titles) with router.refresh().
 */
export function useImportJob(initial: ImportJobSummary, options: { detail: boolean }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wasActive = useRef(isActive(initial.status));
  const active = isActive(job.status);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setTimeout(
      () => {
        requestGraphQL<{ importJob: ImportJobSummary }>(query(options.detail), { id: job.id }).then(
          (data) => {
            if (stopped) return;
            setPollError(null);
            setJob(data.importJob);
          },
          (error: unknown) => {
            if (stopped) return;
            setPollError(error instanceof Error ? error.message : "Cannot refresh the import's progress.");
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
  }, [active, job, attempt, pollError, options.detail]);

  useEffect(() => {
    if (wasActive.current && !active) {
      wasActive.current = false;
      router.refresh();
    }
  }, [active, router]);

  return { job, setJob, pollError, active };
}

export const CANCEL_IMPORT = (detail: boolean) => /* GraphQL */ `
  mutation CancelImport($id: ID!) {
    cancelImport(id: $id) { ${detail ? IMPORT_JOB_FIELDS : IMPORT_JOB_SUMMARY_FIELDS} }
  }
`;
