import Link from "next/link";
import { Button, buttonClass } from "@/components/button";
import { inputClass } from "@/components/field";
import type { AuditFilters } from "../audit-filters";

/** Well-known actions, offered as suggestions; any action or prefix ending in a dot may be typed. */
const ACTIONS = ["label.", "label.set", "label.undo", "label.adjudicate", "labels.import", "dataset.", "user.", "token.", "split.", "import.", "backbone.", "training.start", "run.publish", "job.cancel"];

/** A plain GET form: the filters live in the URL, so a view of the log can be shared and reloaded. */
export function AuditFilterForm({
  filters,
  datasets,
  users,
}: {
  filters: AuditFilters;
  datasets: { id: string; name: string }[];
  /** Admins only (others cannot list users): who to filter by. */
  users: { id: string; email: string }[] | null;
}) {
  return (
    <form action="/audit" method="get" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Dataset
        <select name="dataset" defaultValue={filters.dataset} className={`${inputClass} w-48`}>
          <option value="">All datasets</option>
          {datasets.map((dataset) => (
            <option key={dataset.id} value={dataset.id}>
              {dataset.name}
            </option>
          ))}
        </select>
      </label>
      {users ? (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Who
          <select name="actor" defaultValue={filters.actor} className={`${inputClass} w-52`}>
            <option value="">Anyone</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Action
        <input name="action" list="audit-actions" defaultValue={filters.action} placeholder="e.g. label. or split.lock" className={`${inputClass} w-48`} />
        <datalist id="audit-actions">
          {ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        From
        <input type="date" name="from" defaultValue={filters.from} className={`${inputClass} w-40`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        To
        <input type="date" name="to" defaultValue={filters.to} className={`${inputClass} w-40`} />
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      <Link href="/audit" className={buttonClass("ghost")}>
        Clear
      </Link>
    </form>
  );
}
