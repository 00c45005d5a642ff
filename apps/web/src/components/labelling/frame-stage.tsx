"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Spinner } from "@/components/spinner";
import type { LabelFrame } from "@/lib/labelling/labels";
import { frameCaption } from "./frame-caption";
import { useShownAfterDelay } from "./use-shown-after-delay";

/** A prefetched frame paints within a frame or two; the spinner is for pictures still on their way. */
const SPINNER_DELAY_MS = 250;

/**
 * One frame, as large as the screen allows, on a dark stage. `onPainted` fires once the picture is
 * decoded and on screen (the moment the decision time starts); the image then carries
 * `data-painted`, which browser tests wait for. A new frame gets a new <img>, so the previous
 * picture never lingers under the next frame's id.
 */
export function FrameStage({
  frame,
  onPainted,
  className = "",
  children,
}: {
  frame: LabelFrame;
  onPainted?: (frameId: string, at: number) => void;
  className?: string;
  /** Overlays: banners, badges. */
  children?: ReactNode;
}) {
  const [painted, setPainted] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const onPaintedRef = useRef(onPainted);
  onPaintedRef.current = onPainted;
  const currentId = useRef(frame.id);
  currentId.current = frame.id;

  const image = useRef<HTMLImageElement>(null);

  function paint(frameId: string) {
    requestAnimationFrame(() => {
      if (currentId.current !== frameId) return;
      setPainted(frameId);
      onPaintedRef.current?.(frameId, performance.now());
    });
  }

  function loaded(element: HTMLImageElement, frameId: string) {
    // A loaded picture may still be decoding; paint once it is ready either way.
    element.decode().then(
      () => paint(frameId),
      () => paint(frameId),
    );
  }

  function failedToLoad(frameId: string) {
    setFailed(frameId);
    onPaintedRef.current?.(frameId, performance.now());
  }

  useEffect(() => {
    setPainted(null);
    setFailed(null);
    // A server-rendered image can finish loading before React hydrates, and its load event is then
    // never seen: look at the element itself.
    const element = image.current;
    if (element?.complete) {
      if (element.naturalWidth > 0) loaded(element, frame.id);
      else failedToLoad(frame.id);
    }
    // Only a new frame needs this look (`loaded` and `failedToLoad` read refs only).
  }, [frame.id]);

  const isPainted = painted === frame.id;
  const isFailed = failed === frame.id;
  const slow = useShownAfterDelay(!isPainted && !isFailed, SPINNER_DELAY_MS);
  return (
    <div className={`relative flex items-center justify-center overflow-hidden rounded-xl bg-slate-900 ${className}`} data-testid="frame-stage">
      <img
        key={frame.id}
        ref={image}
        src={frame.displayUrl}
        alt={frameCaption(frame)}
        data-testid="label-image"
        data-frame-id={frame.id}
        data-painted={isPainted ? "true" : undefined}
        onLoad={(event) => loaded(event.currentTarget, frame.id)}
        onError={() => failedToLoad(frame.id)}
        className="max-h-full max-w-full object-contain select-none"
        draggable={false}
      />
      {slow ? (
        <div className="absolute inset-0 flex items-center justify-center text-slate-400" aria-hidden="true">
          <Spinner className="size-6" />
        </div>
      ) : null}
      {isFailed ? (
        <div className="absolute inset-0 flex items-center justify-center p-6 text-center text-sm text-slate-200" role="alert">
          This frame&apos;s image could not be loaded. Decide Unsure, or reload the page to try again.
        </div>
      ) : null}
      <p className="absolute bottom-2 left-2 max-w-[calc(100%-1rem)] truncate rounded-md bg-slate-900/75 px-2 py-1 text-xs font-medium text-white" data-testid="frame-caption">
        {frameCaption(frame)}
      </p>
      {children}
    </div>
  );
}
