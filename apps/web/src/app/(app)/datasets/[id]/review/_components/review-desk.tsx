"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Button, buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { inputClass } from "@/components/field";
import { DecisionButtons } from "@/components/labelling/decision-buttons";
import { FrameStage } from "@/components/labelling/frame-stage";
import { KeyHelp, type KeyHelpRow } from "@/components/labelling/key-help";
import { ToastStack, useToasts } from "@/components/labelling/toasts";
import { useShortcuts } from "@/components/labelling/use-shortcuts";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import { ImagePrefetcher } from "@/lib/labelling/image-prefetch";
import { reviewKeyAction } from "@/lib/labelling/keys";
import type { Label } from "@/lib/labelling/labels";
import { ADJUDICATE, REVIEW_BATCH, REVIEW_QUEUE, type ReviewFrame, type ReviewQueueData } from "../review-frames";
import { FrameHistoryList } from "./frame-history-list";
import { ReviewLabels } from "./review-labels";

const HELP: KeyHelpRow[] = [
  { keys: ["F"], what: "Settle as Face" },
  { keys: ["N"], what: "Settle as No face" },
  { keys: ["S", "→"], what: "Skip for now (it stays in the queue)" },
  { keys: ["?"], what: "Show or hide these keys" },
];

const REFILL_BELOW = 5;

/**
 * One disputed frame at a time: everyone's labels and the frame's history beside it, F or N settles
 * it (with an optional note) and the next one is shown at once; the decision is sent in the background.
 */
export function ReviewDesk({ datasetId, initialFrames, initialWaiting, rulesPanel }: { datasetId: string; initialFrames: ReviewFrame[]; initialWaiting: number; rulesPanel: ReactNode }) {
  const { show: showToast, toasts, dismiss } = useToasts();
  const queueRef = useRef<ReviewFrame[]>(initialFrames);
  const [queue, setQueueState] = useState(initialFrames);
  const setQueue = useCallback((next: ReviewFrame[]) => {
    queueRef.current = next;
    setQueueState(next);
  }, []);
  const [drained, setDrained] = useState(initialFrames.length === 0);
  const [settled, setSettled] = useState(0);
  const [note, setNote] = useState("");
  const [help, setHelp] = useState(false);
  const decided = useRef(new Set<string>());
  const sending = useRef<Promise<void>>(Promise.resolve());
  const fetching = useRef(false);
  const prefetcher = useRef<ImagePrefetcher | null>(null);

  const current = queue[0] ?? null;

  const refill = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      // Oldest first: the frames queued here come back first, and so may settled ones whose verdict is
      // still on its way. Ask for that many more than a batch.
      const known = new Set([...queueRef.current.map((frame) => frame.id), ...decided.current]);
      const first = Math.min(100, REVIEW_BATCH + known.size);
      const data = await requestGraphQL<ReviewQueueData>(REVIEW_QUEUE, { id: datasetId, first });
      const fresh = data.reviewQueue.edges.map((edge) => edge.node).filter((frame) => !known.has(frame.id));
      setQueue([...queueRef.current, ...fresh]);
      setDrained(fresh.length === 0 && data.reviewQueue.edges.length < first);
    } catch (error) {
      showToast(`Could not load more frames to review: ${error instanceof Error ? error.message : String(error)}`);
      setDrained(true);
    } finally {
      fetching.current = false;
    }
  }, [datasetId, setQueue, showToast]);

  useEffect(() => {
    if (!drained && queue.length < REFILL_BELOW) void refill();
  }, [queue.length, drained, refill]);

  useEffect(() => {
    prefetcher.current ??= new ImagePrefetcher();
    prefetcher.current.want(queue.slice(1, 4).map((frame) => frame.displayUrl));
  }, [queue]);

  function adjudicate(label: Label) {
    const frame = queueRef.current[0];
    if (!frame) return;
    const text = note.trim();
    decided.current.add(frame.id);
    setQueue(queueRef.current.slice(1));
    setNote("");
    setSettled((n) => n + 1);
    // One verdict at a time, in order; a refused one comes back to the front with its message.
    sending.current = sending.current.then(() =>
      requestGraphQL(ADJUDICATE, { frameId: frame.id, label, note: text || null }).then(
        () => undefined,
        (error: unknown) => {
          decided.current.delete(frame.id);
          setSettled((n) => n - 1);
          setQueue([frame, ...queueRef.current.filter((item) => item.id !== frame.id)]);
          showToast(`Not settled: ${error instanceof Error ? error.message : String(error)}`);
        },
      ),
    );
  }

  function skip() {
    const [first, ...rest] = queueRef.current;
    if (!first || rest.length === 0) return;
    setQueue([...rest, first]);
    setNote("");
  }

  useShortcuts((input) => {
    const action = reviewKeyAction(input);
    if (!action) return false;
    if (action.type === "help") {
      setHelp((open) => !open);
      return true;
    }
    if (action.type === "closeHelp") {
      setHelp(false);
      return false;
    }
    if (help) return false;
    if (action.type === "skip") skip();
    else adjudicate(action.label);
    return true;
  });

  const waiting = Math.max(queue.length, initialWaiting - settled);

  if (!current) {
    return (
      <Card>
        <div data-testid="nothing-to-review">
          <EmptyState
            title={drained ? "Nothing to review" : "Looking for frames to review…"}
            action={
              <div className="flex gap-2">
                <Link href={`/datasets/${datasetId}`} className={buttonClass("primary")}>
                  Back to the dataset
                </Link>
                <Link href={`/datasets/${datasetId}/agreement`} className={buttonClass("secondary")}>
                  Agreement
                </Link>
              </div>
            }
          >
            {settled > 0 ? `You settled ${plural(settled, "frame")}. ` : ""}No frame is waiting for a reviewer right now.
          </EmptyState>
        </div>
        <ToastStack toasts={toasts} onDismiss={dismiss} />
      </Card>
    );
  }

  return (
    <>
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section className="min-w-0 space-y-3" aria-label="Frame to review">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
            <p>
              <span className="font-semibold text-slate-900 tabular-nums" data-testid="review-waiting">
                {waiting}
              </span>{" "}
              waiting · <span className="tabular-nums">{settled}</span> settled by you
            </p>
            <Button variant="ghost" size="sm" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
              ?
            </Button>
          </div>
          <FrameStage frame={current} className="h-[max(16rem,calc(100vh-16rem))]" />
        </section>
        <div className="space-y-4">
          <Card>
            <CardHeader title="Labels" description="They disagreed, or someone was unsure." />
            <ReviewLabels frame={current} />
          </Card>
          <Card className="space-y-3 p-4">
            <label htmlFor="review-note" className="block text-sm font-medium text-slate-700">
              Note <span className="font-normal text-slate-500">(optional, kept in the history)</span>
            </label>
            <textarea
              id="review-note"
              rows={2}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              onKeyDown={(event) => {
                // Escape leaves the note, so that F / N work again.
                if (event.key === "Escape") event.currentTarget.blur();
              }}
              placeholder="e.g. profile counts as a face"
              className={inputClass}
            />
            <DecisionButtons labels={["FACE", "NO_FACE"]} onDecide={adjudicate} />
            <Button variant="secondary" className="w-full" onClick={skip} disabled={queue.length < 2}>
              Skip for now
            </Button>
          </Card>
          <Card>
            <CardHeader title="History" />
            <FrameHistoryList frameId={current.id} />
          </Card>
          <details className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-900">Face rules</summary>
            <div className="border-t border-slate-100 px-4 py-4">{rulesPanel}</div>
          </details>
        </div>
      </div>
      {help ? <KeyHelp rows={HELP} onClose={() => setHelp(false)} /> : null}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
