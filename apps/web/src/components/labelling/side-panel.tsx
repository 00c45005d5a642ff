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
        <svg viewBox="0 0 20 20" className={`size-4 text-slate-500 transition lg:hidden ${open ? "rotate-180" : ""}`} fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="m5.5 8 4.5 4.5L14.5 8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <div className={`${open ? "block" : "hidden"} overflow-y-auto border-t border-slate-100 px-4 py-4 lg:block`}>{children}</div>
    </aside>
  );
}
