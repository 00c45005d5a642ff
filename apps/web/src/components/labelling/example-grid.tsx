import type { ReactNode } from "react";
import { LabelBadge } from "./label-badge";
import type { GuidelineExampleView } from "./examples";

/** Pinned examples: thumbnail, the label it shows and why. `action` adds e.g. an unpin button per example. */
export function ExampleGrid({ examples, columns = 2, action }: { examples: GuidelineExampleView[]; columns?: 2 | 3 | 4; action?: (example: GuidelineExampleView) => ReactNode }) {
  const grid = { 2: "grid-cols-2", 3: "grid-cols-2 sm:grid-cols-3", 4: "grid-cols-2 sm:grid-cols-4" }[columns];
  return (
    <ul className={`grid gap-3 ${grid}`} data-testid="example-list">
      {examples.map((example) => (
        <li key={example.id} className="min-w-0" data-testid="example" data-frame-id={example.frame.id} data-label={example.label}>
          <a href={example.frame.displayUrl} target="_blank" rel="noopener" className="group relative block overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-200">
            <img src={example.frame.thumbnailUrl} alt={`Example: ${example.note || example.frame.title.name}`} loading="lazy" className="aspect-video w-full object-contain transition group-hover:opacity-90" />
            <span className="absolute top-1 left-1">
              <LabelBadge label={example.label} />
            </span>
          </a>
          <div className="mt-1 flex items-start justify-between gap-1">
            <p className="min-w-0 text-xs leading-snug text-slate-600">{example.note || <span className="text-slate-400">{example.frame.title.name}</span>}</p>
            {action ? action(example) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
