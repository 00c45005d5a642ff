"use client";

import { useEffect, useState } from "react";
import { DateTime } from "@/components/date-time";
import { Spinner } from "@/components/spinner";
import { LabelBadge } from "@/components/labelling/label-badge";
import { requestGraphQL } from "@/lib/graphql-client";
import { personName } from "@/lib/labelling/labels";
import { FRAME_HISTORY, type HistoryEntry } from "../review-frames";

const KIND_TEXT: Record<string, string> = { LABEL: "labelled", UNDO: "undid their label", ADJUDICATE: "settled" };

/** A frame's revisions and verdicts, oldest first, loaded when the frame is shown. */
export function FrameHistoryList({ frameId }: { frameId: string }) {
  const [state, setState] = useState<{ frameId: string; entries: HistoryEntry[] | null; error: string | null }>({ frameId, entries: null, error: null });

  useEffect(() => {
    let stale = false;
    setState({ frameId, entries: null, error: null });
    requestGraphQL<{ frameHistory: HistoryEntry[] }>(FRAME_HISTORY, { frameId }).then(
      (data) => !stale && setState({ frameId, entries: data.frameHistory, error: null }),
      (error: unknown) => !stale && setState({ frameId, entries: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      stale = true;
    };
  }, [frameId]);

  if (state.error) return <p className="px-5 py-4 text-sm text-red-700">Could not load the history: {state.error}</p>;
  if (!state.entries || state.frameId !== frameId) {
    return (
      <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-500">
        <Spinner className="size-3.5" /> Loading…
      </p>
    );
  }
  if (state.entries.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">Nothing yet.</p>;
  return (
    <ol className="space-y-2.5 px-5 py-4" data-testid="frame-history">
      {state.entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="text-xs text-slate-600">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium text-slate-900">{entry.actor ? personName(entry.actor) : "Someone"}</span>
            <span>{KIND_TEXT[entry.kind] ?? entry.kind.toLowerCase()}</span>
            {entry.label ? <LabelBadge label={entry.label} /> : null}
          </div>
          <div className="mt-0.5 text-slate-400">
            <DateTime value={entry.at} />
            {entry.rules.length > 0 ? ` · ${entry.rules.join(", ")}` : ""}
          </div>
          {entry.note ? <p className="mt-0.5 text-slate-700 italic">“{entry.note}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
