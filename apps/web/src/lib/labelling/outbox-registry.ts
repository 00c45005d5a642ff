/**
 * One outbox per dataset and viewer for the life of the tab (browser only). Labelling screens
 * subscribe while they are shown; between them (the dataset page, the other mode) the outbox keeps
 * sending, so a decision made just before leaving still reaches the API.
 */
import { DecisionOutbox } from "./decision-outbox";
import { outboxStorageKey, sendDecisions } from "./operations";

const outboxes = new Map<string, DecisionOutbox>();

export function sharedOutbox(datasetId: string, viewerId: string): DecisionOutbox {
  const key = outboxStorageKey(viewerId, datasetId);
  const known = outboxes.get(key);
  if (known) return known;
  const outbox = new DecisionOutbox({ send: (batch) => sendDecisions(datasetId, batch), storage: window.sessionStorage, storageKey: key });
  outboxes.set(key, outbox);
  window.addEventListener("online", () => outbox.retryNow());
  // Unsent decisions survive a reload (sessionStorage), not a closed tab: ask first.
  window.addEventListener("beforeunload", (event) => {
    if (outbox.snapshot().pending > 0) event.preventDefault();
  });
  outbox.start();
  return outbox;
}
