"use client";

import { useState } from "react";
import { Button } from "./button";

/** Copies `value`; falls back to selecting the target element where the Clipboard API is unavailable (plain http). */
export function CopyButton({ value, label = "Copy", targetId }: { value: string; label?: string; targetId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) target.select();
      setState("select");
    }
    setTimeout(() => setState("idle"), 2000);
  }

  return (
    <Button variant="secondary" size="sm" onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "select" ? "Press Ctrl+C" : label}
    </Button>
  );
}
