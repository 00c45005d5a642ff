import Link from "next/link";
import type { ReactNode } from "react";

type Mode = "single" | "grid" | "review" | "agreement";

/** A compact header for the labelling screens: back to the dataset, the title, single ↔ grid. */
export function LabellingHeader({ datasetId, datasetName, title, mode, actions }: { datasetId: string; datasetName: string; title: string; mode: Mode; actions?: ReactNode }) {
  return (
    <header className="mb-4 flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
      <div className="min-w-0">
        <Link href={`/datasets/${datasetId}`} className="text-sm text-slate-500 hover:text-slate-700">
          ← {datasetName}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-bold tracking-tight text-slate-900">{title}</h1>
          {mode === "single" || mode === "grid" ? (
            <nav aria-label="Labelling mode" className="inline-flex rounded-lg bg-slate-100 p-0.5 text-sm font-medium">
              <ModeLink href={`/datasets/${datasetId}/label`} active={mode === "single"}>
                One by one
              </ModeLink>
              <ModeLink href={`/datasets/${datasetId}/label/grid`} active={mode === "grid"}>
                Grid
              </ModeLink>
            </nav>
          ) : null}
        </div>
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}

function ModeLink({ href, active, children }: { href: string; active: boolean; children: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-2.5 py-1 transition ${active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
    >
      {children}
    </Link>
  );
}
