import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { StackedProgress } from "@/components/labelling/stacked-progress";
import { plural } from "@/lib/format";
import { formatRate } from "@/lib/labelling/agreement";
import { personName } from "@/lib/labelling/labels";
import type { Role } from "@/lib/roles";
import type { DatasetProgressDetail } from "../types";

/** Where labelling stands (overall, per title, per labeller) and the ways into it. */
export function LabellingCard({ datasetId, overlap, progress, role }: { datasetId: string; overlap: number; progress: DatasetProgressDetail; role: Role }) {
  const canLabel = role !== "VIEWER";
  const canReview = role === "ADMIN" || role === "REVIEWER";
  return (
    <Card className="mb-6">
      <CardHeader
        title="Labelling"
        description={`${plural(overlap, "label")} wanted per frame. You have made ${plural(progress.myDecisions, "decision")} here.`}
        action={
          <div className="flex flex-wrap gap-2" data-testid="labelling-actions">
            {canLabel ? (
              <>
                <Link href={`/datasets/${datasetId}/label`} className={buttonClass("primary", "sm")}>
                  Label
                </Link>
                <Link href={`/datasets/${datasetId}/label/grid`} className={buttonClass("secondary", "sm")}>
                  Grid
                </Link>
              </>
            ) : null}
            {canReview ? (
              <Link href={`/datasets/${datasetId}/review`} className={buttonClass("secondary", "sm")}>
                Review ({progress.inReview.toLocaleString("en")})
              </Link>
            ) : null}
            <Link href={`/datasets/${datasetId}/agreement`} className={buttonClass("secondary", "sm")}>
              Agreement
            </Link>
          </div>
        }
      />
      <div className="grid gap-6 px-5 py-5 md:grid-cols-2">
        <div className="space-y-5">
          <div>
            <p className="mb-2 text-sm text-slate-600">
              <span className="font-semibold text-slate-900 tabular-nums">{progress.done.toLocaleString("en")}</span> of {plural(progress.frames, "frame")} have a final label;{" "}
              {progress.labelled.toLocaleString("en")} have at least one.
            </p>
            <StackedProgress
              done={progress.done}
              inReview={progress.inReview}
              open={progress.open}
              started={progress.labelled - progress.done - progress.inReview}
              label="Labelling progress"
              testId="labelling-progress"
            />
          </div>
          {progress.byTitle.length > 0 ? (
            <div>
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">By title</h3>
              <ul className="space-y-3" data-testid="title-progress">
                {progress.byTitle.map((row) => (
                  <li key={row.title.id} className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)_auto] items-center gap-3">
                    <span className="truncate text-sm text-slate-700" title={row.title.name}>
                      {row.title.name}
                    </span>
                    <StackedProgress done={row.done} inReview={row.inReview} open={row.open} started={row.labelled - row.done - row.inReview} label={`Progress of ${row.title.name}`} compact />
                    <span className="text-xs text-slate-500 tabular-nums">
                      {row.done}/{row.frames}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{canReview ? "Labellers" : "You"}</h3>
          {progress.byLabeller.length === 0 ? (
            <p className="text-sm text-slate-500">Nobody has labelled a frame yet.</p>
          ) : (
            <table className="w-full text-sm" data-testid="labeller-progress">
              <thead>
                <tr className="border-b border-slate-100 text-left text-xs text-slate-500">
                  <th scope="col" className="py-1.5 pr-2 font-medium">
                    Labeller
                  </th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium">
                    Decisions
                  </th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium" title="Decisions per hour of labelling time (each decision counted up to a minute)">
                    Pace
                  </th>
                  <th scope="col" className="py-1.5 pl-2 text-right font-medium">
                    Last
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {progress.byLabeller.map((row) => (
                  <tr key={row.user.id} data-testid="labeller-progress-row">
                    <td className="max-w-40 truncate py-2 pr-2 font-medium text-slate-900" title={row.user.email}>
                      {personName(row.user)}
                    </td>
                    <td className="px-2 py-2 text-right text-slate-700 tabular-nums">{row.decisions.toLocaleString("en")}</td>
                    <td className="px-2 py-2 text-right text-slate-700 tabular-nums">{formatRate(row.decisionsPerHour)}</td>
                    <td className="py-2 pl-2 text-right text-xs text-slate-500">
                      <DateTime value={row.lastDecisionAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </Card>
  );
}
