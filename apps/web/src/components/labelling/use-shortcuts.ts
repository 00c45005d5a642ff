"use client";

import { useEffect, useRef } from "react";
import { isEditableTarget, type KeyInput } from "@/lib/labelling/keys";

/**
 * One keydown listener for a screen. The handler is read from a ref, so it always sees the latest
 * state without re-adding the listener; it returns true when it used the key (the browser's own
 * action, e.g. Backspace navigating back or Space scrolling, is then prevented).
 */
export function useShortcuts(handler: (input: KeyInput) => boolean) {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const used = current.current({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        repeat: event.repeat,
        editable: isEditableTarget(event.target),
      });
      if (used) event.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
