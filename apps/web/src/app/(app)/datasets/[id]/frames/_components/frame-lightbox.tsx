"use client";

import { useEffect, type ReactNode } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Modal } from "@/components/modal";
import { PinExampleForm } from "@/components/labelling/pin-example-form";
import { formatTimestamp } from "@/lib/format";
import { isEditableTarget } from "@/lib/labelling/keys";
import { SPLIT_LABELS, type FrameNode } from "@/lib/frames";

const SPLIT_TONE = { UNASSIGNED: "slate", TRAIN: "indigo", VAL: "sky", TEST: "amber", DISTINCT: "red" } as const;

/** One frame large, with where it came from; ← and → step through the loaded frames. */
export function FrameLightbox({
  frame,
  position,
  onClose,
  onPrevious,
  onNext,
  canPin = false,
}: {
  frame: FrameNode;
  /** Admins may pin the frame as a guideline example. */
  canPin?: boolean;
  position: { index: number; count: number; more: boolean };
  onClose: () => void;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
}) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // Arrows inside the pin form's note move the caret, not the frame.
      if (isEditableTarget(event.target)) return;
      if (event.key === "ArrowLeft" && onPrevious) onPrevious();
      if (event.key === "ArrowRight" && onNext) onNext();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onPrevious, onNext]);

  const time = frame.timestampMs === null ? null : formatTimestamp(frame.timestampMs);
  const heading = time ? `${frame.title.name} at ${time}` : `${frame.title.name}: ${frame.sourceName}`;

  return (
    <Modal title={heading} description={frame.video ? frame.video.fileName : "Still image"} onClose={onClose} size="xl">
      <div className="grid gap-5 md:grid-cols-3" data-testid="frame-lightbox">
        <div className="md:col-span-2">
          <div className="flex min-h-72 items-center justify-center overflow-hidden rounded-lg bg-slate-900">
            {/* Keyed, so the previous frame is not shown while the next one loads; never scaled up. */}
            <img key={frame.id} src={frame.displayUrl} alt={heading} className="h-auto max-h-[65vh] w-auto max-w-full" />
          </div>
          <div className="mt-3 flex items-center justify-between gap-2">
            <Button variant="secondary" size="sm" onClick={onPrevious ?? undefined} disabled={!onPrevious} aria-label="Previous frame">
              ← Previous
            </Button>
            <span className="text-xs text-slate-500 tabular-nums">
              {position.index + 1} of {position.count}
              {position.more ? "+" : ""}
            </span>
            <Button variant="secondary" size="sm" onClick={onNext ?? undefined} disabled={!onNext} aria-label="Next frame">
              Next →
            </Button>
          </div>
        </div>
        <div className="flex flex-col justify-between gap-4">
          <dl className="space-y-3 text-sm">
            <Detail label={frame.title.kind === "ARTIST" ? "Artist" : "Title"}>{frame.title.name}</Detail>
            <Detail label="Video">{frame.video?.fileName ?? <span className="text-slate-400">—</span>}</Detail>
            <Detail label="Episode">{frame.video?.episode ?? <span className="text-slate-400">—</span>}</Detail>
            <Detail label="Timestamp">{time ?? <span className="text-slate-400">— (image)</span>}</Detail>
            <Detail label="Source file">{frame.sourceName}</Detail>
            <Detail label="Size">
              {frame.width} × {frame.height} px
            </Detail>
            <Detail label="Split">
              <Badge tone={SPLIT_TONE[frame.split]}>{SPLIT_LABELS[frame.split]}</Badge>
            </Detail>
            <Detail label="Scene">{frame.sceneId ? <code className="font-mono text-xs break-all text-slate-700">{frame.sceneId}</code> : <span className="text-slate-400">—</span>}</Detail>
          </dl>
          {canPin ? <PinExampleForm key={frame.id} frameId={frame.id} /> : null}
          <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
            <a href={frame.imageUrl} target="_blank" rel="noopener" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Open full size ↗
            </a>
            <span className="flex-1" />
            <Button variant="secondary" size="sm" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      </div>
    </Modal>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}
