"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";

/** A secret (password, token) shown once, with a copy button; kao cannot show it again. */
export function OneTimeSecret({
  id,
  title,
  value,
  children,
  onDismiss,
}: {
  id: string;
  title: string;
  value: string;
  children?: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div className="rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200" role="status">
      <p className="text-sm font-semibold text-emerald-900">{title}</p>
      <p className="mt-0.5 text-xs text-emerald-800">Copy it now: it is shown only this once.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <input
          id={id}
          data-testid={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-1.5 font-mono text-sm text-slate-900 ring-1 ring-inset ring-emerald-300"
        />
        <CopyButton value={value} targetId={id} />
        {onDismiss ? (
          <Button variant="ghost" size="sm" onClick={onDismiss}>
            Done
          </Button>
        ) : null}
      </div>
      {children}
    </div>
  );
}
