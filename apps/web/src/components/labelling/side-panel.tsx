"use client";

import { useState, type ReactNode } from "react";

/**
 * A side panel that is always open on wide screens and folds away on narrow ones (a tablet in
 * portrait, a phone), where it would push the frame off screen.
 */
export function SidePanel({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <aside className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200 lg:sticky lg:top-20 lg:flex lg:max-h-[calc(100vh-6.5rem)] lg:flex-col" aria-label={title}>
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        className="flex w-full items-center justify-between gap-2 px-4 py-3 text-left text-sm font-semibold text-slate-900 lg:pointer-events-none lg:cursor-default"
      >
        {title}
        <svg viewBox="0 0 20 20" className={`size-4 text-slate-500 transition lg:hidden ${open ? "rotate-180" : ""}`} fill="currentColor" aria-hidden="true">
          <path d="M5.2 7.2a.75.75 0 0 1 1.06.02L10 11.1l3.74-3.88a.75.75 0 1 1 1.08 1.04l-4.28 4.44a.75.75 0 0 1-1.08 0L5.18 8.26a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      <div className={`${open ? "block" : "hidden"} overflow-y-auto border-t border-slate-100 px-4 py-4 lg:block`}>{children}</div>
    </aside>
  );
}
