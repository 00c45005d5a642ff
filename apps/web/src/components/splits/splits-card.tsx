import Link from "next/link";
import { Badge } from "@/components/badge";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { plural } from "@/lib/format";
import type { Role } from "@/lib/roles";
import { formatRatios } from "./ratios";
import { SplitBar } from "./split-bar";
import { SPLIT_VERSION_SUMMARY_FIELDS, type SplitVersionSummary } from "./split-data";

/** What the dataset page's query selects for this card, inside `dataset { … }`. */
export const SPLITS_CARD_FIELDS = `currentSplit { ${SPLIT_VERSION_SUMMARY_FIELDS} }`;

export interface SplitsCardData {
  currentSplit: SplitVersionSummary | null;
}

/** The dataset's current split at a glance, and the way to the splits page. */
export function SplitsCard({ datasetId, currentSplit, role }: { datasetId: string; currentSplit: SplitVersionSummary | null; role: Role }) {
  const splitsHref = `/datasets/${datasetId}/splits`;
  return (
    <Card className="mb-6">
      <CardHeader
        title="Splits"
        description="Train, validation and test sets made of whole scenes; distinct titles held out as a test set of unseen titles."
        action={
          <Link prefetch={false} href={splitsHref} className={buttonClass("secondary", "sm")} data-testid="splits-link">
            {currentSplit ? "All splits" : role === "ADMIN" ? "Make a split" : "Splits"}
          </Link>
        }
      />
      {currentSplit ? (
        <div className="space-y-3 px-5 py-4" data-testid="current-split">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Link prefetch={false} href={`${splitsHref}/${currentSplit.id}`} className="font-semibold text-indigo-600 hover:text-indigo-500">
              {currentSplit.name}
            </Link>
            {currentSplit.locked ? <Badge tone="slate">Locked</Badge> : <Badge tone="amber">Not locked</Badge>}
            <span className="text-slate-500 tabular-nums">
              {plural(currentSplit.frameCount, "frame")} · <span title="Train / validation / test, in percent">{formatRatios(currentSplit.ratios)}</span> · seed {currentSplit.seed}
            </span>
            <span className="text-xs text-slate-400">
              <DateTime value={currentSplit.createdAt} />
            </span>
          </div>
          <SplitBar splits={currentSplit.splits} label={`Frames of split ${currentSplit.name}`} />
          {currentSplit.pendingCount > 0 || currentSplit.staleCount > 0 ? (
            <p className="text-xs text-amber-800">
              {currentSplit.pendingCount > 0 ? `${plural(currentSplit.pendingCount, "frame")} labelled since this split was made ${currentSplit.pendingCount === 1 ? "is" : "are"} not in it. ` : ""}
              {currentSplit.staleCount > 0 ? `${plural(currentSplit.staleCount, "frame")} contradict${currentSplit.staleCount === 1 ? "s" : ""} a title's distinct setting. ` : ""}
              <Link prefetch={false} href={splitsHref} className="font-medium underline hover:text-amber-900">
                See splits
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="px-5 py-4 text-sm text-slate-500" data-testid="current-split">
          No split yet.{" "}
          {role === "ADMIN" ? "Once frames have a final face or no-face label, split them into train, validation and test sets." : "An admin makes splits once frames are labelled."}
        </p>
      )}
    </Card>
  );
}
