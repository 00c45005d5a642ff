"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface Toast {
  id: number;
  tone: "error" | "warning" | "info";
  message: string;
}

const TONES: Record<Toast["tone"], string> = {
  error: "bg-red-600 text-white",
  warning: "bg-amber-500 text-slate-950",
  info: "bg-slate-900 text-white",
};

const SHOW_MS = 6000;
const MAX_SHOWN = 4;

/** Short notes that never block the labeller: they stack in a corner and go away by themselves. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id)), []);

  const show = useCallback(
    (message: string, tone: Toast["tone"] = "error") => {
      const id = next.current++;
      setToasts((shown) => [...shown.filter((toast) => toast.message !== message), { id, tone, message }].slice(-MAX_SHOWN));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, SHOW_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, show, dismiss };
}

export function ToastStack({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-40 flex w-full max-w-sm flex-col items-end gap-2">
      {toasts.map((toast) => (
        <div key={toast.id} role="status" data-testid="toast" className={`pointer-events-auto flex items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ${TONES[toast.tone]}`}>
          <p className="min-w-0 flex-1">{toast.message}</p>
          <button type="button" onClick={() => onDismiss(toast.id)} className="-mr-1 rounded px-1 text-current opacity-70 hover:opacity-100" aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
