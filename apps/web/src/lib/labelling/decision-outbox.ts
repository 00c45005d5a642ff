/**
 * Sends a labeller's decisions without ever making them wait: each decision joins the outbox and the
 * outbox keeps one request on the way, so decisions leave in order, in batches of whatever piled up
 * meanwhile. A request that does not get through is retried with backoff (the screen shows "offline —
 * N decisions waiting"); the unconfirmed decisions are kept in sessionStorage, so a reload sends them.
 */
import { GraphQLRequestError } from "../graphql-errors";
import type { Label } from "./labels";
import {
  addLabel,
  addUndo,
  emptyOutbox,
  parseOutbox,
  pendingCount,
  requeueBatch,
  serialiseOutbox,
  settleBatch,
  takeBatch,
  type OutboxOp,
  type OutboxState,
} from "./outbox-state";

export interface Rejection {
  frameId: string;
  /** The API's RejectionCode (NO_CAPACITY, CLOSED…) or the error code of a refused request. */
  code: string;
  message: string;
}

/** What the API said to one request: decisions it stored (as stored) and refused. */
export interface SendResult {
  accepted: { frameId: string; label: Label; rules: string[] }[];
  rejected: Rejection[];
}

export interface Decision {
  frameId: string;
  label: Label;
  rules: string[];
  durationMs: number | null;
}

export interface OutboxSnapshot {
  pending: number;
  /** The last request failed to get through and is being retried. */
  offline: boolean;
  /** Why it failed, for the badge's title. */
  lastError: string | null;
}

export interface OutboxOptions {
  send(batch: OutboxOp[]): Promise<SendResult>;
  onChange?(snapshot: OutboxSnapshot): void;
  /** Decisions the API answered: accepted ones, and refusals to show (they are not retried). */
  onSettled?(result: SendResult): void;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  storageKey?: string;
  /** Backoff after a failed request: first delay, doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(timer: unknown): void;
}

/** Errors worth retrying: the API could not be reached or had a passing problem. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof GraphQLRequestError)) return true;
  if (error.code === "API_UNAVAILABLE" || error.code === "RATE_LIMITED") return true;
  return error.status !== undefined && error.status >= 500;
}

export interface OutboxListener {
  onChange?(snapshot: OutboxSnapshot): void;
  onSettled?(result: SendResult): void;
}

export class DecisionOutbox {
  private state: OutboxState;
  private readonly listeners = new Set<OutboxListener>();
  private offline = false;
  private lastError: string | null = null;
  private delay: number;
  private timer: unknown = null;
  private closed = false;
  private readonly options: OutboxOptions;
  /** Set when saved decisions could not be read back (shown once by the screen). */
  readonly restoreError: string | null;

  constructor(options: OutboxOptions) {
    this.options = options;
    this.delay = options.retryMs ?? 1000;
    const saved = options.storage && options.storageKey ? options.storage.getItem(options.storageKey) : null;
    const restored = parseOutbox(saved);
    this.state = restored.state;
    this.restoreError = restored.error;
  }

  /** Screens come and go (client-side navigation); the outbox keeps sending between them. */
  subscribe(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts sending whatever a previous page left unsent. */
  start() {
    this.pump();
  }

  label(decision: Decision) {
    this.labelMany([decision]);
  }

  /** A grid page: all its decisions join before the next request leaves, so they travel together. */
  labelMany(decisions: readonly Decision[]) {
    let state = this.state;
    for (const decision of decisions) state = addLabel(state, decision);
    this.update(state);
    this.pump();
  }

  undo(frameId: string) {
    this.update(addUndo(this.state, frameId));
    this.pump();
  }

  /** Try again now (the browser says it is back online, or the labeller clicked the badge). */
  retryNow() {
    if (!this.offline) return;
    this.cancelTimer();
    this.pump();
  }

  snapshot(): OutboxSnapshot {
    return { pending: pendingCount(this.state), offline: this.offline, lastError: this.lastError };
  }

  /** Frames with a decision not yet confirmed (the queue must not hand them out again). */
  pendingFrames(): Set<string> {
    return new Set([...this.state.inFlight, ...this.state.waiting].map((op) => op.frameId));
  }

  close() {
    this.closed = true;
    this.cancelTimer();
  }

  private pump() {
    if (this.closed || this.timer !== null) return;
    const { state, batch } = takeBatch(this.state);
    if (batch.length === 0) return;
    this.update(state);
    this.options.send(batch).then(
      (result) => {
        this.delay = this.options.retryMs ?? 1000;
        this.setOffline(false, null);
        this.update(settleBatch(this.state));
        this.notifySettled(result);
        this.pump();
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (isRetryable(error)) {
          this.update(requeueBatch(this.state));
          this.setOffline(true, message);
          this.schedule();
          return;
        }
        // Refused as a whole (FORBIDDEN, a malformed request): sending it again cannot help.
        this.update(settleBatch(this.state));
        const code = error instanceof GraphQLRequestError ? error.code : "ERROR";
        this.notifySettled({ accepted: [], rejected: batch.map((op) => ({ frameId: op.frameId, code, message })) });
        this.pump();
      },
    );
  }

  private schedule() {
    if (this.closed) return;
    const setTimer = this.options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 15_000);
    this.timer = setTimer(() => {
      this.timer = null;
      this.pump();
    }, wait);
  }

  private cancelTimer() {
    if (this.timer === null) return;
    const clearTimer = this.options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    clearTimer(this.timer);
    this.timer = null;
  }

  private setOffline(offline: boolean, error: string | null) {
    this.offline = offline;
    this.lastError = error;
  }

  private update(state: OutboxState) {
    this.state = state;
    const { storage, storageKey } = this.options;
    if (storage && storageKey) {
      // Nothing unconfirmed: nothing a reload would need (a reloaded page starts a new session).
      if (pendingCount(state) === 0) storage.removeItem(storageKey);
      else storage.setItem(storageKey, serialiseOutbox(state));
    }
    const snapshot = this.snapshot();
    this.options.onChange?.(snapshot);
    for (const listener of this.listeners) listener.onChange?.(snapshot);
  }

  private notifySettled(result: SendResult) {
    this.options.onSettled?.(result);
    for (const listener of this.listeners) listener.onSettled?.(result);
  }
}
