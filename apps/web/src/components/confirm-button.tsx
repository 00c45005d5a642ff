"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";

/** A destructive action asked twice, inline, instead of a browser dialog. */
export function ConfirmButton({
  children,
  confirmLabel,
  question,
  onConfirm,
  pending = false,
  variant = "secondary",
  ariaLabel,
}: {
  children: ReactNode;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: "secondary" | "danger" | "ghost";
  /** The first button's accessible name when its text alone is ambiguous (one per row). */
  ariaLabel?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking && !pending) {
    return (
      <Button variant={variant} size="sm" onClick={() => setAsking(true)} aria-label={ariaLabel}>
        {children}
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1.5">
      <span className="text-xs text-slate-600">{question}</span>
      <Button
        variant="danger"
        size="sm"
        pending={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      {pending ? null : (
        <Button variant="ghost" size="sm" onClick={() => setAsking(false)}>
          Cancel
        </Button>
      )}
    </span>
  );
}
