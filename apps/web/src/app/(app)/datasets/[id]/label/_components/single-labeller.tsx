"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Button, buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { Spinner } from "@/components/spinner";
import { DecisionButtons, RuleToggles } from "@/components/labelling/decision-buttons";
import { FrameStage } from "@/components/labelling/frame-stage";
import { KeyHelp, type KeyHelpRow } from "@/components/labelling/key-help";
import { LabelBadge } from "@/components/labelling/label-badge";
import { OutboxBadge } from "@/components/labelling/outbox-badge";
import { SidePanel } from "@/components/labelling/side-panel";
import { StackedProgress } from "@/components/labelling/stacked-progress";
import { ToastStack, useToasts } from "@/components/labelling/toasts";
import { useDecisionOutbox } from "@/components/labelling/use-decision-outbox";
import { useShortcuts } from "@/components/labelling/use-shortcuts";
import { plural } from "@/lib/format";
import type { SendResult } from "@/lib/labelling/decision-outbox";
import { ImagePrefetcher } from "@/lib/labelling/image-prefetch";
import { singleKeyAction } from "@/lib/labelling/keys";
import type { Label, LabelFrame } from "@/lib/labelling/labels";
import { fetchNextFrames, fetchProgress, type ProgressSummary } from "@/lib/labelling/operations";
import { addFrames, decide, dropQueued, goBack, goForward, sessionCount, settleDecisions, shownFrame, startSession, toggleRule, undoLast, type SingleSession } from "@/lib/labelling/single-session";

/** Frames leased per request, and the queue length that triggers the next request. */
const BATCH = 20;
const REFILL_BELOW = 8;
/** Images decoded ahead of the one on screen. */
const PREFETCH_AHEAD = 5;
/** With nothing left, look again now and then: other people's leases expire, undos reopen frames. */
const RECHECK_MS = 20_000;

type QueueState = "idle" | "loading" | "drained" | "error";

const HELP: KeyHelpRow[] = [
  { keys: ["F"], what: "Face" },
  { keys: ["N"], what: "No face" },
  { keys: ["U"], what: "Unsure" },
  { keys: ["Z", "⌫"], what: "Undo the last decision" },
  { keys: ["←"], what: "Back to an earlier decision (a key there changes it)" },
  { keys: ["→"], what: "Forward again" },
  { keys: ["1", "…", "9"], what: "Tick a rule that applied" },
  { keys: ["?"], what: "Show or hide these keys" },
];

export function SingleLabeller({
  datasetId,
  viewerId,
  ruleNames,
  initialFrames,
  initialProgress,
  rulesPanel,
}: {
  datasetId: string;
  viewerId: string;
  ruleNames: string[];
  initialFrames: LabelFrame[];
  initialProgress: ProgressSummary;
  rulesPanel: ReactNode;
}) {
  const toasts = useToasts();
  const showToast = toasts.show;
  // The session lives in a ref (key handlers read it synchronously) mirrored into state for rendering.
  const sessionRef = useRef<SingleSession>(startSession(initialFrames));
  const [session, setSession] = useState(sessionRef.current);
  const commit = useCallback((next: SingleSession) => {
    sessionRef.current = next;
    setSession(next);
  }, []);
  const [queue, setQueue] = useState<QueueState>(initialFrames.length > 0 ? "idle" : "drained");
  const [progress, setProgress] = useState(initialProgress);
  const [help, setHelp] = useState(false);
  const shownAt = useRef<{ frameId: string; at: number } | null>(null);
  const prefetcher = useRef<ImagePrefetcher | null>(null);
  const fetching = useRef(false);
  const progressTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshProgressSoon = useCallback(() => {
    if (progressTimer.current) return;
    progressTimer.current = setTimeout(() => {
      progressTimer.current = null;
      fetchProgress(datasetId).then(setProgress, (error: unknown) => {
        // The figures stay as they were; the next answer will bring them up to date.
        console.warn("could not refresh labelling progress", error);
      });
    }, 1500);
  }, [datasetId]);

  const onSettled = useCallback(
    (result: SendResult) => {
      commit(settleDecisions(sessionRef.current, result.accepted, result.rejected));
      for (const rejection of result.rejected) showToast(`Not saved: ${rejection.message}`, rejection.code === "NO_CAPACITY" || rejection.code === "CLOSED" ? "warning" : "error");
      refreshProgressSoon();
    },
    [commit, showToast, refreshProgressSoon],
  );
  const { outbox, snapshot } = useDecisionOutbox({ datasetId, viewerId, onSettled, onRestoreError: (message) => showToast(message) });

  // After a reload, decisions saved in sessionStorage are sent again; their frames, still leased to
  // us, came back in the first batch and must not be asked again.
  useEffect(() => {
    const pending = outbox.current?.pendingFrames();
    if (pending?.size) commit(dropQueued(sessionRef.current, pending));
  }, [outbox, commit]);

  const refill = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    setQueue("loading");
    try {
      // The API returns our own live leases first: the frames still queued here and those whose
      // decision is on its way. Ask for that many more than a batch, or a refill may bring nothing new.
      const pending = outbox.current?.pendingFrames() ?? new Set<string>();
      const frames = await fetchNextFrames(datasetId, BATCH + sessionRef.current.upcoming.length + pending.size, false);
      const { state, added } = addFrames(sessionRef.current, frames, pending);
      commit(state);
      setQueue(added === 0 ? "drained" : "idle");
    } catch (error) {
      setQueue("error");
      showToast(`Could not load more frames: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      fetching.current = false;
    }
  }, [datasetId, commit, outbox, showToast]);

  const upcoming = session.upcoming.length;
  useEffect(() => {
    if (queue === "idle" && upcoming < REFILL_BELOW) void refill();
    if (queue === "error") {
      const timer = setTimeout(() => setQueue("idle"), 3000);
      return () => clearTimeout(timer);
    }
    if (queue === "drained" && upcoming === 0) {
      const timer = setTimeout(() => setQueue("idle"), RECHECK_MS);
      return () => clearTimeout(timer);
    }
  }, [queue, upcoming, refill]);

  const shown = shownFrame(session);
  useEffect(() => {
    prefetcher.current ??= new ImagePrefetcher();
    const next = session.upcoming.slice(session.cursor === null ? 1 : 0, PREFETCH_AHEAD + 1);
    prefetcher.current.want(next.map((frame) => frame.displayUrl));
  }, [session]);

  const onPainted = useCallback((frameId: string, at: number) => {
    shownAt.current = { frameId, at };
  }, []);

  function decideShown(label: Label) {
    const current = shownFrame(sessionRef.current);
    if (!current) return;
    const started = shownAt.current?.frameId === current.frame.id ? shownAt.current.at : null;
    // Not painted yet: the labeller cannot have seen it, so the key is not a decision about it.
    if (started === null) return;
    const { state, effect } = decide(sessionRef.current, label);
    commit(state);
    if (effect) outbox.current?.label({ ...effect, durationMs: Math.round(performance.now() - started) });
  }

  function undo() {
    const { state, undone } = undoLast(sessionRef.current);
    if (!undone) return;
    commit(state);
    if (undone.sendUndo) outbox.current?.undo(undone.frameId);
  }

  useShortcuts((input) => {
    const action = singleKeyAction(input, ruleNames.length);
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
    switch (action.type) {
      case "label":
        decideShown(action.label);
        return true;
      case "undo":
        undo();
        return true;
      case "back":
        commit(goBack(sessionRef.current));
        return true;
      case "forward":
        commit(goForward(sessionRef.current));
        return true;
      case "toggleRule": {
        const rule = ruleNames[action.index];
        if (rule) commit(toggleRule(sessionRef.current, rule));
        return true;
      }
    }
  });

  const decidedCount = sessionCount(session);
  const lookingBack = shown?.decided ?? null;

  return (
    <>
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section className="min-w-0 space-y-3" aria-label="Frame to label">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <div className="flex min-w-0 flex-1 items-center gap-4">
              <p className="shrink-0 text-sm text-slate-600">
                <span className="font-semibold text-slate-900 tabular-nums" data-testid="session-count">
                  {decidedCount}
                </span>{" "}
                this session
              </p>
              <div className="hidden max-w-72 min-w-32 flex-1 sm:block">
                <StackedProgress
                  done={progress.done}
                  inReview={progress.inReview}
                  open={progress.open}
                  started={progress.labelled - progress.done - progress.inReview}
                  label="Dataset progress"
                  compact
                  testId="dataset-progress"
                />
              </div>
              <p className="hidden text-xs text-slate-500 tabular-nums xl:block" title="Frames of the dataset: open (of which some labelled, waiting for more labels), in review, done">
                {progress.open.toLocaleString("en")} open · {progress.inReview.toLocaleString("en")} in review · {progress.done.toLocaleString("en")} done
              </p>
            </div>
            <div className="flex items-center gap-1">
              <OutboxBadge snapshot={snapshot} onRetry={() => outbox.current?.retryNow()} />
              <Button variant="ghost" size="sm" onClick={() => commit(goBack(sessionRef.current))} disabled={session.history.length === 0 || session.cursor === 0} aria-label="Back to the previous decision">
                ←
              </Button>
              <Button variant="ghost" size="sm" onClick={undo} disabled={session.history.length === 0}>
                Undo
              </Button>
              <Button variant="ghost" size="sm" onClick={() => commit(goForward(sessionRef.current))} disabled={session.cursor === null} aria-label="Forward">
                →
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
                ?
              </Button>
            </div>
          </div>

          {shown ? (
            <>
              <FrameStage frame={shown.frame} onPainted={onPainted} className="aspect-[4/3] sm:aspect-auto sm:h-[max(16rem,calc(100vh-22rem))] xl:h-[max(16rem,calc(100vh-20rem))]">
                {lookingBack ? (
                  <div className="absolute top-2 left-2 flex max-w-[calc(100%-1rem)] flex-wrap items-center gap-2 rounded-lg bg-white/95 px-3 py-1.5 text-xs text-slate-700 shadow" data-testid="looking-back">
                    <span className="font-semibold">Decision {(session.cursor ?? 0) + 1} of {session.history.length}:</span>
                    <LabelBadge label={lookingBack.label} />
                    {lookingBack.rejection ? (
                      <span className="font-medium text-red-700" data-testid="looking-back-rejection">
                        {lookingBack.status === "rejected" ? "Not saved" : "Your change was not saved"}: {lookingBack.rejection}
                      </span>
                    ) : (
                      <span>press a key to change it, → to go on</span>
                    )}
                  </div>
                ) : null}
              </FrameStage>
              <div className="flex flex-col gap-3 xl:flex-row xl:items-center xl:justify-between">
                <RuleToggles ruleNames={ruleNames} checked={session.rules} onToggle={(rule) => commit(toggleRule(sessionRef.current, rule))} />
                <div className="xl:w-96 xl:shrink-0">
                  <DecisionButtons onDecide={decideShown} chosen={lookingBack?.label ?? null} />
                </div>
              </div>
            </>
          ) : queue === "loading" || queue === "idle" ? (
            <Card className="flex h-[max(16rem,calc(100vh-22rem))] xl:h-[max(16rem,calc(100vh-20rem))] items-center justify-center gap-2 text-sm text-slate-500">
              <Spinner /> Finding frames for you…
            </Card>
          ) : (
            <AllDone datasetId={datasetId} decided={decidedCount} error={queue === "error"} onCheck={() => setQueue("idle")} />
          )}
        </section>
        <SidePanel title="Face rules">{rulesPanel}</SidePanel>
      </div>
      {help ? <KeyHelp rows={HELP} onClose={() => setHelp(false)} /> : null}
      <ToastStack toasts={toasts.toasts} onDismiss={toasts.dismiss} />
    </>
  );
}

function AllDone({ datasetId, decided, error, onCheck }: { datasetId: string; decided: number; error: boolean; onCheck: () => void }) {
  return (
    <Card className="flex h-[max(16rem,calc(100vh-22rem))] xl:h-[max(16rem,calc(100vh-20rem))] flex-col items-center justify-center px-6 text-center">
      <div data-testid="all-done" className="flex flex-col items-center">
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-emerald-50 text-emerald-600" aria-hidden="true">
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m5 12.5 4.5 4.5L19 7.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </div>
        <h2 className="text-lg font-semibold text-slate-900">{error ? "Cannot load frames right now" : "All done for now"}</h2>
        <p className="mt-1 max-w-md text-sm text-slate-600">
          {error
            ? "kao could not be reached. It tries again by itself in a moment."
            : `${decided > 0 ? `You decided ${plural(decided, "frame")} in this session. ` : ""}Every frame you can label here is labelled, or being labelled by someone else.`}
        </p>
        <div className="mt-5 flex gap-2">
          <Link href={`/datasets/${datasetId}`} className={buttonClass("primary")}>
            Back to the dataset
          </Link>
          <Button variant="secondary" onClick={onCheck}>
            Check again
          </Button>
        </div>
      </div>
    </Card>
  );
}
