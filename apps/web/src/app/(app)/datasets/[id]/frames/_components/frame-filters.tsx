"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { inputClass } from "@/components/field";
import { Spinner } from "@/components/spinner";
import { LABEL_STATES, LABEL_STATE_LABELS, SPLITS, SPLIT_LABELS, frameFiltersQuery, hasFilters, type FrameFilters } from "@/lib/frames";

export interface TitleFilterOption {
  id: string;
  name: string;
  kind: "TITLE" | "ARTIST";
  frameCount: number;
}

/** Title, split and label-state filters; they live in the URL, so a filtered view can be shared. */
export function FrameFiltersForm({ datasetId, titles, filters }: { datasetId: string; titles: TitleFilterOption[]; filters: FrameFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function apply(change: Partial<FrameFilters>) {
    const query = frameFiltersQuery({ ...filters, ...change });
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname));
  }

  const selectClass = `${inputClass} pr-8 sm:w-auto sm:min-w-44`;
  return (
    <form
      role="search"
      aria-label="Filter frames"
      className="mb-5 flex flex-wrap items-end gap-3"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="w-full space-y-1 sm:w-auto">
        <label htmlFor="filter-title" className="block text-xs font-medium text-slate-600">
          Title
        </label>
        <select id="filter-title" name="title" value={filters.titleId ?? ""} onChange={(event) => apply({ titleId: event.target.value || null })} className={selectClass}>
          <option value="">All titles</option>
          {titles.map((title) => (
            <option key={title.id} value={title.id}>
              {title.name} ({title.frameCount.toLocaleString("en")}){title.kind === "ARTIST" ? " · artist" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full space-y-1 sm:w-auto">
        <label htmlFor="filter-split" className="block text-xs font-medium text-slate-600">
          Split
        </label>
        <select id="filter-split" name="split" value={filters.split ?? ""} onChange={(event) => apply({ split: (event.target.value || null) as FrameFilters["split"] })} className={selectClass}>
          <option value="">All splits</option>
          {SPLITS.map((split) => (
            <option key={split} value={split}>
              {SPLIT_LABELS[split]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full space-y-1 sm:w-auto">
        <label htmlFor="filter-state" className="block text-xs font-medium text-slate-600">
          Labels
        </label>
        <select
          id="filter-state"
          name="state"
          value={filters.labelState ?? ""}
          onChange={(event) => apply({ labelState: (event.target.value || null) as FrameFilters["labelState"] })}
          className={selectClass}
        >
          <option value="">Any label state</option>
          {LABEL_STATES.map((state) => (
            <option key={state} value={state}>
              {LABEL_STATE_LABELS[state]}
            </option>
          ))}
        </select>
      </div>
      {hasFilters(filters) || pending ? (
        <div className="flex h-9 items-center gap-3">
          {hasFilters(filters) ? (
            <Link href={`/datasets/${datasetId}/frames`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              Clear filters
            </Link>
          ) : null}
          {pending ? (
            <span className="flex items-center gap-1.5 text-sm text-slate-500" role="status">
              <Spinner className="size-3.5" /> Loading…
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
