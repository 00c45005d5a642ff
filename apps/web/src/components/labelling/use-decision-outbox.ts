"use client";

import { useEffect, useRef, useState } from "react";
import type { DecisionOutbox, OutboxSnapshot, SendResult } from "@/lib/labelling/decision-outbox";
import { sharedOutbox } from "@/lib/labelling/outbox-registry";

/**
 * The tab's outbox for this dataset and viewer, with its state for the badge. `onSettled` (read
 * through a ref, so it sees the latest state) hears each answer of the API while the screen is shown.
 */
export function useDecisionOutbox(options: { datasetId: string; viewerId: string; onSettled: (result: SendResult) => void; onRestoreError: (message: string) => void }) {
  const { datasetId, viewerId } = options;
  const [snapshot, setSnapshot] = useState<OutboxSnapshot>({ pending: 0, offline: false, lastError: null });
  const outboxRef = useRef<DecisionOutbox | null>(null);
  const callbacks = useRef(options);
  callbacks.current = options;

  useEffect(() => {
    const outbox = sharedOutbox(datasetId, viewerId);
    outboxRef.current = outbox;
    if (outbox.restoreError) callbacks.current.onRestoreError(outbox.restoreError);
    setSnapshot(outbox.snapshot());
    return outbox.subscribe({ onChange: setSnapshot, onSettled: (result) => callbacks.current.onSettled(result) });
  }, [datasetId, viewerId]);

  return { outbox: outboxRef, snapshot };
}
