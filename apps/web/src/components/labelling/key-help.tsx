"use client";

import { Modal } from "@/components/modal";

export interface KeyHelpRow {
  keys: string[];
  what: string;
}

/** The `?` overlay: every shortcut of the screen. */
export function KeyHelp({ rows, onClose }: { rows: KeyHelpRow[]; onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" description="Keys work anywhere on the page except in text fields." onClose={onClose}>
      <dl className="divide-y divide-slate-100" data-testid="key-help">
        {rows.map((row) => (
          <div key={row.what} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-sm text-slate-700">{row.what}</dt>
            <dd className="flex shrink-0 gap-1">
              {row.keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

export function Kbd({ children, className = "" }: { children: string; className?: string }) {
  return (
    <kbd className={`inline-flex min-w-6 items-center justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-700 shadow-[0_1px_0_0] shadow-slate-300 ${className}`}>
      {children}
    </kbd>
  );
}
