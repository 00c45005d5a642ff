import { LabelBadge } from "@/components/labelling/label-badge";
import { personName } from "@/lib/labelling/labels";
import type { ReviewFrame } from "../review-frames";

/** Everyone's label of a frame, with the rules they ticked. */
export function ReviewLabels({ frame }: { frame: ReviewFrame }) {
  if (frame.annotations.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">No labels (they were undone).</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="review-annotations">
      {frame.annotations.map((annotation) => (
        <li key={annotation.id} className="flex items-start justify-between gap-3 px-5 py-3" data-testid="review-annotation" data-label={annotation.label}>
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900" title={annotation.user.email}>
              {personName(annotation.user)}
            </p>
            {annotation.rules.length > 0 ? <p className="mt-0.5 text-xs text-slate-500">{annotation.rules.join(" · ")}</p> : null}
          </div>
          <LabelBadge label={annotation.label} />
        </li>
      ))}
    </ul>
  );
}
