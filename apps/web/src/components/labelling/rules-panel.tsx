import { Markdown } from "@/components/markdown";
import { ExampleGrid } from "./example-grid";
import type { GuidelineExampleView } from "./examples";

/** The face rules and the pinned examples, beside every labelling screen. */
export function RulesPanel({ guidelines, examples }: { guidelines: string; examples: GuidelineExampleView[] }) {
  return (
    <div className="space-y-5" data-testid="rules-panel">
      <Markdown source={guidelines} />
      {examples.length > 0 ? (
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Examples</h3>
          <ExampleGrid examples={examples} />
        </div>
      ) : null}
    </div>
  );
}
