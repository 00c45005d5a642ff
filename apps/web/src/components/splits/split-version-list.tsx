import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { buttonClass } from "@/components/button";
import { DateTime } from "@/components/date-time";
import { EmptyState } from "@/components/empty-state";
import { plural } from "@/lib/format";
import { personName } from "@/lib/labelling/labels";
import { AppendPendingButton } from "./append-pending-button";
import { ExportLinks } from "./export-links";
import { LockSplitButton } from "./lock-split-button";
import { formatRatios } from "./ratios";
import { ResplitButton } from "./resplit-button";
import { SplitBar } from "./split-bar";
import type { SplitVersionSummary } from "./split-data";

/**
 * A dataset's split versions, newest (current) first: counts per split, what changed since (pending
 * labels, stale distinct flags) with the action that fixes it, lock, and exports.
 */
export function SplitVersionList({ datasetId, versions, isAdmin, canExport }: { datasetId: string; versions: SplitVersionSummary[]; isAdmin: boolean; canExport: boolean }) {
  if (versions.length === 0) {
    return (
      <EmptyState title="No split yet">
        {isAdmin ? "Choose the distinct titles, then make a split: whole scenes go to train, validation or test." : "An admin makes splits once frames are labelled."}
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="split-versions">
      {versions.map((version) => (
        <VersionRow key={version.id} datasetId={datasetId} version={version} isAdmin={isAdmin} canExport={canExport} />
      ))}
    </ul>
  );
}

function VersionRow({ datasetId, version, isAdmin, canExport }: { datasetId: string; version: SplitVersionSummary; isAdmin: boolean; canExport: boolean }) {
  const href = `/datasets/${datasetId}/splits/${version.id}`;
  const editable = isAdmin && !version.locked;
  return (
    <li className="space-y-3 px-5 py-4" data-testid="split-version" data-name={version.name} data-locked={version.locked ? "true" : "false"}>
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link prefetch={false} href={href} className="text-base font-semibold text-slate-900 hover:text-indigo-600">
              {version.name}
            </Link>
            {version.current ? <Badge tone="indigo">Current</Badge> : null}
            {version.locked ? <Badge tone="slate">Locked</Badge> : null}
          </div>
          <p className="mt-0.5 text-xs text-slate-600 tabular-nums">
            {plural(version.frameCount, "frame")} · <span title="Train / validation / test, in percent">{formatRatios(version.ratios)}</span> · seed{" "}
            <span className="font-mono">{version.seed}</span>
          </p>
          <p className="text-xs text-slate-500">
            {version.createdBy ? `${personName(version.createdBy)}, ` : null}
            <DateTime value={version.createdAt} />
            {version.lockedAt ? (
              <>
                {" · locked "}
                <DateTime value={version.lockedAt} />
              </>
            ) : null}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-2">
          {editable ? <LockSplitButton version={version} /> : null}
          <Link prefetch={false} href={href} className={buttonClass("secondary", "sm")} aria-label={`Details of ${version.name}`}>
            Details
          </Link>
        </div>
      </div>
      <SplitBar splits={version.splits} label={`Frames of split ${version.name}`} testId="split-bar" />
      {version.staleCount > 0 ? (
        <Notice tone="red" testId="stale-notice">
          <span>
            {plural(version.staleCount, "frame")} contradict{version.staleCount === 1 ? "s" : ""} {version.staleCount === 1 ? "its" : "their"} title’s distinct setting, which changed
            since. {version.locked ? "This version is locked and keeps them; make a new split instead." : "Resplit before appending."}
          </span>
          {editable ? <ResplitButton version={version} emphasis /> : null}
        </Notice>
      ) : null}
      {version.pendingCount > 0 ? (
        <Notice tone="amber" testId="pending-notice">
          <span>
            {plural(version.pendingCount, "frame")} labelled since {version.pendingCount === 1 ? "is" : "are"} not in this split.{" "}
            {version.locked ? "It is locked: make a new split to include them." : version.staleCount > 0 ? "Resplit first, then append them." : "Append them without moving any frame already in it."}
          </span>
          {editable && version.staleCount === 0 ? <AppendPendingButton versionId={version.id} pendingCount={version.pendingCount} /> : null}
        </Notice>
      ) : null}
      {canExport || (editable && version.staleCount === 0) ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {canExport ? <ExportLinks urls={version.exportUrls} versionName={version.name} /> : <span />}
          {editable && version.staleCount === 0 ? <ResplitButton version={version} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function Notice({ tone, testId, children }: { tone: "amber" | "red"; testId: string; children: ReactNode }) {
  const colours = tone === "red" ? "bg-red-50 text-red-800 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200";
  return (
    <div className={`flex flex-wrap items-center justify-between gap-2 rounded-lg px-3 py-2 text-xs ring-1 ring-inset ${colours}`} data-testid={testId}>
      {children}
    </div>
  );
}
