"use client";

import { Spinner } from "@/components/spinner";
import { plural } from "@/lib/format";
import type { OutboxSnapshot } from "@/lib/labelling/decision-outbox";
import { useShownAfterDelay } from "./use-shown-after-delay";

/** Each decision is saved in a request of ~0.1 s: the spinner only for a save that takes longer. */
const SPINNER_DELAY_MS = 500;

/** "Saved", "Saving 3…", or "Offline — 3 decisions waiting" (a click retries at once). */
export function OutboxBadge({ snapshot, onRetry }: { snapshot: OutboxSnapshot; onRetry: () => void }) {
  const slow = useShownAfterDelay(snapshot.pending > 0 && !snapshot.offline, SPINNER_DELAY_MS);
  if (snapshot.offline) {
    return (
      <button
        type="button"
        onClick={onRetry}
        data-testid="outbox-offline"
        title={snapshot.lastError ? `${snapshot.lastError} Click to try again now.` : "Click to try again now."}
        className="inline-flex items-center gap-1.5 rounded-md bg-amber-100 px-2 py-1 text-xs font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset hover:bg-amber-200"
      >
        <span className="size-2 rounded-full bg-amber-500" aria-hidden="true" />
        Offline — {plural(snapshot.pending, "decision")} waiting
      </button>
    );
  }
  if (snapshot.pending > 0) {
    return (
      <span className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-slate-500" data-testid="outbox-saving">
        {slow ? <Spinner className="size-3" /> : <span className="size-3" aria-hidden="true" />} Saving {snapshot.pending}…
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-emerald-700" data-testid="outbox-saved">
      <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      All saved
    </span>
  );
}
