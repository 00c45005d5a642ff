"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Button, buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { Spinner } from "@/components/spinner";
import { KeyHelp, Kbd, type KeyHelpRow } from "@/components/labelling/key-help";
import { OutboxBadge } from "@/components/labelling/outbox-badge";
import { SidePanel } from "@/components/labelling/side-panel";
import { ToastStack, useToasts } from "@/components/labelling/toasts";
import { useDecisionOutbox } from "@/components/labelling/use-decision-outbox";
import { useShortcuts } from "@/components/labelling/use-shortcuts";
import { plural } from "@/lib/format";
import type { SendResult } from "@/lib/labelling/decision-outbox";
import {
  GRID_SIZES,
  GRID_SIZE_STORAGE_KEY,
  buildTiles,
  countLabels,
  flipFrame,
  flipTile,
  isMarked,
  moveCursor,
  pageDecisions,
  parseGridSize,
  startPage,
  takePage,
  tileLabel,
  toggleDefault,
  toggleExpanded,
  toggleFrameUnsure,
  toggleUnsure,
  type GridSize,
  type GridState,
  type GridTile as Tile,
  type PageDefault,
} from "@/lib/labelling/grid-page";
import { ImagePrefetcher } from "@/lib/labelling/image-prefetch";
import { DIGIT_WAIT_MS, flushDigits, gridKeyAction, pushDigit, type DigitState } from "@/lib/labelling/keys";
import { LABEL_TEXT, type Label } from "@/lib/labelling/labels";
import { fetchNextFrames } from "@/lib/labelling/operations";
import { GridTile } from "./grid-tile";
import { SceneDialog } from "./scene-dialog";

const HELP: KeyHelpRow[] = [
  { keys: ["1", "…", "n"], what: "Flip tile n to the other label (again: back)" },
  { keys: ["D"], what: "Swap the page default (Face ↔ No face)" },
  { keys: ["←", "↑", "→", "↓"], what: "Move the cursor" },
  { keys: ["Space"], what: "Flip the tile under the cursor" },
  { keys: ["U"], what: "Mark the tile under the cursor unsure" },
  { keys: ["Enter"], what: "Submit the page and show the next" },
  { keys: ["?"], what: "Show or hide these keys" },
];

interface Submitted {
  page: number;
  frameIds: Set<string>;
  counts: Record<Label, number>;
  refused: number;
}

type Status = "loading" | "ready" | "drained" | "error";

export function GridLabeller({ datasetId, viewerId, rulesPanel }: { datasetId: string; viewerId: string; rulesPanel: ReactNode }) {
  const toasts = useToasts();
  const showToast = toasts.show;
  const [size, setSize] = useState<GridSize | null>(null);
  const [page, setPageState] = useState<GridState | null>(null);
  const pageRef = useRef<GridState | null>(null);
  const setPage = useCallback((next: GridState | null) => {
    pageRef.current = next;
    setPageState(next);
  }, []);
  const [pageNumber, setPageNumber] = useState(0);
  const [status, setStatus] = useState<Status>("loading");
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [help, setHelp] = useState(false);
  const [pageDefault, setPageDefault] = useState<PageDefault>("FACE");
  const buffer = useRef<Tile[]>([]);
  const done = useRef(new Set<string>());
  const submittedPages = useRef(0);
  const shownAt = useRef(0);
  const digits = useRef<DigitState>({ pending: "" });
  const digitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const prefetcher = useRef<ImagePrefetcher | null>(null);
  const prefetching = useRef<Promise<void> | null>(null);
  // Each page change gets a number; an answer for an older one (a size change meanwhile) is dropped.
  const generation = useRef(0);
  const pageDefaultRef = useRef(pageDefault);
  pageDefaultRef.current = page?.pageDefault ?? pageDefault;
  const onSettled = useCallback(
    (result: SendResult) => {
      for (const rejection of result.rejected) showToast(`Not saved: ${rejection.message}`, rejection.code === "NO_CAPACITY" || rejection.code === "CLOSED" ? "warning" : "error");
      setSubmitted((last) => {
        if (!last) return last;
        const refused = result.rejected.filter((rejection) => last.frameIds.has(rejection.frameId)).length;
        return refused ? { ...last, refused: last.refused + refused } : last;
      });
    },
    [showToast],
  );
  const { outbox, snapshot } = useDecisionOutbox({ datasetId, viewerId, onSettled, onRestoreError: (message) => showToast(message) });

  // The size people chose last time (per browser).
  useEffect(() => setSize(parseGridSize(window.localStorage.getItem(GRID_SIZE_STORAGE_KEY))), []);

  /** Leased frames as tiles, minus what is on screen, submitted, or waiting to be sent. */
  const loadTiles = useCallback(
    async (count: number) => {
      // Frames with a decision on its way are still leased to us, and the API returns our leases first.
      const pending = outbox.current?.pendingFrames() ?? new Set<string>();
      const frames = await fetchNextFrames(datasetId, count + pending.size, true);
      const onScreen = new Set(pageRef.current?.tiles.flatMap((tile) => tile.frames.map((frame) => frame.id)) ?? []);
      const buffered = new Set(buffer.current.flatMap((tile) => tile.frames.map((frame) => frame.id)));
      return buildTiles(frames.filter((frame) => !onScreen.has(frame.id) && !done.current.has(frame.id) && !pending.has(frame.id) && !buffered.has(frame.id)));
    },
    [datasetId, outbox],
  );

  /** Fetches the next page while this one is being labelled, thumbnails included. */
  const prefetchNext = useCallback(
    (cells: number) => {
      if (prefetching.current) return prefetching.current;
      const bufferedFrames = buffer.current.reduce((sum, tile) => sum + tile.frames.length, 0);
      if (bufferedFrames >= cells) return Promise.resolve();
      const onScreen = pageRef.current?.tiles.reduce((sum, tile) => sum + tile.frames.length, 0) ?? 0;
      // The API hands back our own leases first (this page's frames), then new ones.
      prefetching.current = loadTiles(onScreen + bufferedFrames + cells)
        .then((tiles) => {
          buffer.current = [...buffer.current, ...tiles];
          prefetcher.current ??= new ImagePrefetcher(100);
          prefetcher.current.want(buffer.current.slice(0, cells).map((tile) => tile.frames[0]?.thumbnailUrl ?? "").filter(Boolean));
        })
        .catch((error: unknown) => console.warn("could not fetch the next grid page ahead", error))
        .finally(() => {
          prefetching.current = null;
        });
      return prefetching.current;
    },
    [loadTiles],
  );

  const showNextPage = useCallback(
    async (cells: number, defaultLabel: PageDefault) => {
      const mine = ++generation.current;
      let next = takePage(buffer.current, cells, cells);
      if (next.page.length === 0) {
        setPage(null);
        setStatus("loading");
        try {
          await prefetching.current;
          const tiles = await loadTiles(cells);
          if (mine !== generation.current) return;
          buffer.current = [...buffer.current, ...tiles];
        } catch (error) {
          if (mine !== generation.current) return;
          setStatus("error");
          showToast(`Could not load frames: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        next = takePage(buffer.current, cells, cells);
      }
      buffer.current = next.rest;
      if (next.page.length === 0) {
        setPage(null);
        setStatus("drained");
        return;
      }
      setPage(startPage(next.page, defaultLabel));
      setPageNumber((n) => n + 1);
      setStatus("ready");
      shownAt.current = performance.now();
      void prefetchNext(cells);
    },
    [loadTiles, prefetchNext, setPage, showToast],
  );

  // First page, and a fresh start when the size changes (the leased frames come back first).
  useEffect(() => {
    if (size === null) return;
    buffer.current = [];
    setPage(null);
    void showNextPage(size * size, pageDefaultRef.current);
  }, [size, showNextPage, setPage]);

  function changeSize(next: GridSize) {
    window.localStorage.setItem(GRID_SIZE_STORAGE_KEY, String(next));
    setSize(next);
  }

  function update(change: (state: GridState) => GridState) {
    const current = pageRef.current;
    if (!current) return;
    const next = change(current);
    setPage(next);
    if (next.pageDefault !== current.pageDefault) setPageDefault(next.pageDefault);
  }

  function submit() {
    const current = pageRef.current;
    if (!current || size === null) return;
    const decisions = pageDecisions(current);
    const perFrame = Math.round((performance.now() - shownAt.current) / Math.max(1, decisions.length));
    outbox.current?.labelMany(decisions.map((decision) => ({ ...decision, rules: [], durationMs: perFrame })));
    for (const decision of decisions) done.current.add(decision.frameId);
    submittedPages.current += 1;
    setSubmitted({ page: submittedPages.current, frameIds: new Set(decisions.map((decision) => decision.frameId)), counts: countLabels(decisions), refused: 0 });
    void showNextPage(size * size, current.pageDefault);
  }

  function flipNumbered(tiles: number[]) {
    for (const tile of tiles) update((state) => flipTile(state, tile - 1));
  }

  useShortcuts((input) => {
    const action = gridKeyAction(input);
    if (!action) return false;
    if (action.type === "help") {
      setHelp((open) => !open);
      return true;
    }
    if (action.type === "closeHelp") {
      setHelp(false);
      return false;
    }
    const current = pageRef.current;
    if (help || !current || current.expanded || size === null) return false;
    switch (action.type) {
      case "digit": {
        const { state, tiles } = pushDigit(digits.current, action.digit, current.tiles.length);
        digits.current = state;
        flipNumbered(tiles);
        if (digitTimer.current) clearTimeout(digitTimer.current);
        digitTimer.current = state.pending
          ? setTimeout(() => {
              const flushed = flushDigits(digits.current);
              digits.current = flushed.state;
              flipNumbered(flushed.tiles);
            }, DIGIT_WAIT_MS)
          : null;
        return true;
      }
      case "toggleDefault":
        update(toggleDefault);
        return true;
      case "unsure":
        update((state) => toggleUnsure(state, state.cursor));
        return true;
      case "flipCursor":
        update((state) => flipTile(state, state.cursor));
        return true;
      case "moveCursor":
        update((state) => moveCursor(state, action.dx, action.dy, size));
        return true;
      case "submit":
        submit();
        return true;
    }
  });

  const decisions = page ? pageDecisions(page) : [];
  const counts = countLabels(decisions);
  const expandedTile = page?.expanded ? page.tiles.find((tile) => tile.key === page.expanded) : undefined;

  return (
    <>
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section className="min-w-0 space-y-3" aria-label="Grid of frames">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <div className="inline-flex rounded-lg bg-slate-100 p-0.5 text-xs font-semibold" role="group" aria-label="Grid size">
                {GRID_SIZES.map((option) => (
                  <button
                    key={option}
                    type="button"
                    onClick={() => changeSize(option)}
                    aria-pressed={size === option}
                    className={`rounded-md px-2 py-1 tabular-nums transition ${size === option ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
                  >
                    {option}×{option}
                  </button>
                ))}
              </div>
              <div className="inline-flex items-center gap-1.5 text-sm text-slate-600">
                Default
                <button
                  type="button"
                  onClick={() => update(toggleDefault)}
                  data-testid="page-default"
                  data-label={page?.pageDefault ?? pageDefault}
                  className={`inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-bold ring-1 ring-inset ${(page?.pageDefault ?? pageDefault) === "FACE" ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"}`}
                  aria-label={`Page default: ${LABEL_TEXT[page?.pageDefault ?? pageDefault]}. Press D to swap.`}
                >
                  {LABEL_TEXT[page?.pageDefault ?? pageDefault]}
                  <Kbd className="px-1 py-0 text-[10px]">D</Kbd>
                </button>
              </div>
            </div>
            <div className="flex items-center gap-1">
              <OutboxBadge snapshot={snapshot} onRetry={() => outbox.current?.retryNow()} />
              <Button variant="ghost" size="sm" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
                ?
              </Button>
            </div>
          </div>

          {page && size !== null ? (
            <>
              <ol className="grid gap-2.5" style={{ gridTemplateColumns: `repeat(${size}, minmax(0, 1fr))` }} data-testid="grid-page" data-page={pageNumber} data-size={size}>
                {page.tiles.map((tile, index) => (
                  <GridTile
                    key={tile.key}
                    tile={tile}
                    index={index}
                    label={tileLabel(page, tile)}
                    marked={isMarked(page, tile)}
                    cursor={page.cursor === index}
                    onFlip={() => update((state) => flipTile(state, index))}
                    onUnsure={() => update((state) => toggleUnsure(state, index))}
                    onExpand={() => update((state) => toggleExpanded(state, tile.key))}
                  />
                ))}
              </ol>
              <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
                <p className="text-sm text-slate-600 tabular-nums" data-testid="page-counts">
                  {plural(decisions.length, "frame")}: <span className="font-semibold text-emerald-700">{counts.FACE} face</span> ·{" "}
                  <span className="font-semibold text-red-700">{counts.NO_FACE} no face</span> · <span className="font-semibold text-amber-700">{counts.UNSURE} unsure</span>
                </p>
                <Button onClick={submit}>
                  Submit page <Kbd className="border-white/40 bg-white/20 text-white shadow-none">Enter</Kbd>
                </Button>
              </div>
            </>
          ) : status === "loading" || size === null ? (
            <Card className="flex min-h-80 items-center justify-center gap-2 text-sm text-slate-500">
              <Spinner /> Finding frames for you…
            </Card>
          ) : (
            <Card className="flex min-h-80 flex-col items-center justify-center px-6 py-10 text-center">
              <div data-testid="all-done">
                <h2 className="text-lg font-semibold text-slate-900">{status === "error" ? "Cannot load frames right now" : "All done for now"}</h2>
                <p className="mt-1 max-w-md text-sm text-slate-600">
                  {status === "error" ? "kao could not be reached." : "Every frame you can label here is labelled, or being labelled by someone else."}
                </p>
                <div className="mt-5 flex justify-center gap-2">
                  <Link href={`/datasets/${datasetId}`} className={buttonClass("primary")}>
                    Back to the dataset
                  </Link>
                  <Button variant="secondary" onClick={() => void showNextPage(size * size, pageDefault)}>
                    Check again
                  </Button>
                </div>
              </div>
            </Card>
          )}

          {submitted ? (
            <p className="text-sm text-slate-600" data-testid="last-submitted" role="status">
              Page {submitted.page} submitted: {plural(submitted.frameIds.size, "frame")} — {submitted.counts.FACE} face, {submitted.counts.NO_FACE} no face, {submitted.counts.UNSURE} unsure
              {submitted.refused > 0 ? <span className="font-medium text-red-700"> ({submitted.refused} not saved)</span> : null}.
            </p>
          ) : null}
        </section>
        <SidePanel title="Face rules">{rulesPanel}</SidePanel>
      </div>
      {page && expandedTile ? (
        <SceneDialog
          state={page}
          tile={expandedTile}
          onFlipFrame={(frameId) => update((state) => flipFrame(state, frameId))}
          onUnsureFrame={(frameId) => update((state) => toggleFrameUnsure(state, frameId))}
          onClose={() => update((state) => toggleExpanded(state, expandedTile.key))}
        />
      ) : null}
      {help ? <KeyHelp rows={HELP} onClose={() => setHelp(false)} /> : null}
      <ToastStack toasts={toasts.toasts} onDismiss={toasts.dismiss} />
    </>
  );
}
