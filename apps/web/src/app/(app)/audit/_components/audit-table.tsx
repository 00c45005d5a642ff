import Link from "next/link";
import { Badge } from "@/components/badge";
import { DateTime } from "@/components/date-time";
import { describeDetails } from "../audit-filters";
import type { AuditEntryRow } from "../types";

const short = (id: string) => id.slice(0, 8);

function ActionBadge({ entry }: { entry: AuditEntryRow }) {
  if (entry.source === "LABEL") return <Badge tone={entry.action === "label.undo" ? "amber" : "sky"}>{entry.action}</Badge>;
  return <Badge tone="indigo">{entry.action}</Badge>;
}

/** The audit log as a table, newest first. */
export function AuditTable({ entries }: { entries: AuditEntryRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-3">Time (UTC)</th>
            <th scope="col" className="px-3 py-3">Who</th>
            <th scope="col" className="px-3 py-3">Action</th>
            <th scope="col" className="px-3 py-3">Target</th>
            <th scope="col" className="px-3 py-3">Dataset</th>
            <th scope="col" className="px-5 py-3">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="px-5 py-3 whitespace-nowrap text-slate-700">
                <DateTime value={entry.createdAt} />
              </td>
              <td className="max-w-48 truncate px-3 py-3 text-slate-900" title={entry.actor?.email}>
                {entry.actor ? entry.actor.email : <span className="text-slate-400">system</span>}
              </td>
              <td className="px-3 py-3 whitespace-nowrap">
                <ActionBadge entry={entry} />
              </td>
              <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                {entry.targetType}
                {entry.targetId ? (
                  <span className="ml-1 font-mono text-xs text-slate-500" title={entry.targetId}>
                    {short(entry.targetId)}
                  </span>
                ) : null}
              </td>
              <td className="max-w-40 truncate px-3 py-3">
                {entry.datasetId ? (
                  <Link href={`/datasets/${entry.datasetId}`} className="text-indigo-700 hover:underline" title={entry.datasetName ?? undefined}>
                    {entry.datasetName ?? short(entry.datasetId)}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-5 py-3 text-xs text-slate-600">
                <ul className="space-y-0.5">
                  {describeDetails(entry.details).map((line) => (
                    <li key={line} className="max-w-md break-words">
                      {line}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
