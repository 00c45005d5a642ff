import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fieldErrors, type MutationFailure } from "./mutation-result";

/**
 * Runs a mutation with a pending state. The task returns the typed failure (shown next to the form)
 * or nothing on success, after which the server components are re-rendered with fresh data.
 */
export function useMutation() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [unexpected, setUnexpected] = useState<string | null>(null);

  function run(task: () => Promise<MutationFailure | null | undefined | void>, options: { refresh?: boolean } = {}) {
    setFailure(null);
    setUnexpected(null);
    startTransition(async () => {
      try {
        const result = await task();
        if (result) {
          setFailure(result);
          return;
        }
        // Updates after an await are no longer part of the transition (React 19); mark the refresh again
        // so it is not dropped as an urgent update that a concurrent render can discard.
        if (options.refresh !== false) startTransition(() => router.refresh());
      } catch (error) {
        setUnexpected(error instanceof Error ? error.message : "Something went wrong. Try again.");
      }
    });
  }

  function reset() {
    setFailure(null);
    setUnexpected(null);
  }

  return { run, reset, pending, failure, fieldErrors: fieldErrors(failure), error: failure?.message ?? unexpected };
}
