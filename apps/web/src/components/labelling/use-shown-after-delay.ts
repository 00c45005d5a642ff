"use client";

import { useEffect, useState } from "react";

/**
 * True once `waiting` has held for `delayMs`, false again as soon as it stops: for "still loading"
 * spinners that must not flash on every short wait. On the labelling screens a short wait comes
 * with every key press, and a spinner mounted for it is an animated layer added in the very frame
 * that should show the next picture (and removed a frame or a request later).
 */
export function useShownAfterDelay(waiting: boolean, delayMs: number): boolean {
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (!waiting) {
      setDue(false);
      return;
    }
    const timer = setTimeout(() => setDue(true), delayMs);
    return () => clearTimeout(timer);
  }, [waiting, delayMs]);
  return waiting && due;
}
