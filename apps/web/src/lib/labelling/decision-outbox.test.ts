import { describe, expect, it } from "vitest";
import { GraphQLRequestError } from "../graphql-errors";
import { DecisionOutbox, isRetryable, type OutboxSnapshot, type SendResult } from "./decision-outbox";
import type { OutboxOp } from "./outbox-state";

/** A controllable API: each request waits until the test answers it. */
function fakeApi() {
  const requests: { batch: OutboxOp[]; resolve: (result: SendResult) => void; reject: (error: unknown) => void }[] = [];
  const send = (batch: OutboxOp[]) => new Promise<SendResult>((resolve, reject) => requests.push({ batch, resolve, reject }));
  return { requests, send };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function manualTimers() {
  const timers: { callback: () => void; ms: number }[] = [];
  return {
    timers,
    setTimer: (callback: () => void, ms: number) => timers.push({ callback, ms }),
    clearTimer: () => timers.splice(0),
    fire: () => timers.shift()?.callback(),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const decision = (frameId: string) => ({ frameId, label: "FACE" as const, rules: [], durationMs: 500 });
const stored = (...frameIds: string[]) => frameIds.map((frameId) => ({ frameId, label: "FACE" as const, rules: [] }));

describe("DecisionOutbox", () => {
  it("sends at once, batches what piles up meanwhile, and reports the API's answers", async () => {
    const api = fakeApi();
    const settled: SendResult[] = [];
    const outbox = new DecisionOutbox({ send: api.send, onSettled: (result) => settled.push(result) });
    outbox.label(decision("a"));
    outbox.label(decision("b"));
    outbox.label(decision("c"));
    expect(api.requests.map((request) => request.batch.map((op) => op.frameId))).toEqual([["a"]]);
    expect(outbox.snapshot().pending).toBe(3);
    expect(outbox.pendingFrames()).toEqual(new Set(["a", "b", "c"]));

    api.requests[0]?.resolve({ accepted: stored("a"), rejected: [] });
    await flush();
    expect(api.requests[1]?.batch.map((op) => op.frameId)).toEqual(["b", "c"]);
    api.requests[1]?.resolve({ accepted: stored("b"), rejected: [{ frameId: "c", code: "NO_CAPACITY", message: "Enough people have labelled it." }] });
    await flush();
    expect(settled).toEqual([
      { accepted: stored("a"), rejected: [] },
      { accepted: stored("b"), rejected: [{ frameId: "c", code: "NO_CAPACITY", message: "Enough people have labelled it." }] },
    ]);
    expect(outbox.snapshot()).toEqual({ pending: 0, offline: false, lastError: null });
  });

  it("keeps decisions while the API cannot be reached and retries with backoff", async () => {
    const api = fakeApi();
    const timers = manualTimers();
    const snapshots: OutboxSnapshot[] = [];
    const outbox = new DecisionOutbox({ send: api.send, onChange: (snapshot) => snapshots.push(snapshot), retryMs: 100, maxRetryMs: 300, ...timers });
    outbox.label(decision("a"));
    api.requests[0]?.reject(new GraphQLRequestError("Cannot reach kao.", "API_UNAVAILABLE"));
    await flush();
    outbox.label(decision("b"));
    expect(outbox.snapshot()).toEqual({ pending: 2, offline: true, lastError: "Cannot reach kao." });
    // Waiting for the retry: nothing new goes out before it.
    expect(api.requests).toHaveLength(1);
    expect(timers.timers.map((timer) => timer.ms)).toEqual([100]);

    timers.fire();
    expect(api.requests[1]?.batch.map((op) => op.frameId)).toEqual(["a", "b"]);
    api.requests[1]?.reject(new TypeError("fetch failed"));
    await flush();
    timers.fire();
    api.requests[2]?.reject(new GraphQLRequestError("Bad gateway", "INTERNAL_SERVER_ERROR", 502));
    await flush();
    expect(timers.timers.map((timer) => timer.ms)).toEqual([300]);

    // Back online: the labeller (or the browser's online event) need not wait for the timer.
    outbox.retryNow();
    api.requests[3]?.resolve({ accepted: stored("a", "b"), rejected: [] });
    await flush();
    expect(outbox.snapshot()).toEqual({ pending: 0, offline: false, lastError: null });
    expect(snapshots.some((snapshot) => snapshot.offline && snapshot.pending === 2)).toBe(true);
  });

  it("gives up on a request the API refuses as a whole, reporting every decision in it", async () => {
    const api = fakeApi();
    const settled: SendResult[] = [];
    const outbox = new DecisionOutbox({ send: api.send, onSettled: (result) => settled.push(result) });
    outbox.label(decision("a"));
    api.requests[0]?.reject(new GraphQLRequestError("You cannot label this dataset.", "FORBIDDEN", 200));
    await flush();
    expect(settled).toEqual([{ accepted: [], rejected: [{ frameId: "a", code: "FORBIDDEN", message: "You cannot label this dataset." }] }]);
    expect(outbox.snapshot().pending).toBe(0);
    outbox.label(decision("b"));
    expect(api.requests).toHaveLength(2);
  });

  it("keeps unconfirmed decisions in storage and sends them after a reload", async () => {
    const storage = memoryStorage();
    const first = fakeApi();
    const before = new DecisionOutbox({ send: first.send, storage, storageKey: "k" });
    before.label(decision("a"));
    before.label(decision("b"));
    expect(storage.items.has("k")).toBe(true);
    before.close();

    const second = fakeApi();
    const after = new DecisionOutbox({ send: second.send, storage, storageKey: "k" });
    expect(after.restoreError).toBeNull();
    expect(after.snapshot().pending).toBe(2);
    after.start();
    expect(second.requests[0]?.batch.map((op) => op.frameId)).toEqual(["a", "b"]);
    second.requests[0]?.resolve({ accepted: stored("a", "b"), rejected: [] });
    await flush();
    expect(storage.items.has("k")).toBe(false);
  });

  it("tells retryable failures from refusals", () => {
    expect(isRetryable(new TypeError("fetch failed"))).toBe(true);
    expect(isRetryable(new GraphQLRequestError("x", "API_UNAVAILABLE"))).toBe(true);
    expect(isRetryable(new GraphQLRequestError("x", "RATE_LIMITED", 429))).toBe(true);
    expect(isRetryable(new GraphQLRequestError("x", "INTERNAL_SERVER_ERROR", 503))).toBe(true);
    expect(isRetryable(new GraphQLRequestError("x", "BAD_USER_INPUT", 400))).toBe(false);
    expect(isRetryable(new GraphQLRequestError("x", "FORBIDDEN", 200))).toBe(false);
  });
});
