import { Alert } from "@/components/alert";
import { frameCaption } from "@/components/labelling/frame-caption";
import { SPLIT_STYLE, SplitBadge } from "@/components/splits/split-bar";
import { ASSIGNED_SPLITS, type AssignedSplit, type LeakageFrame } from "@/components/splits/split-data";
import { plural } from "@/lib/format";
import { formatSimilarity, type FeatureLeakageData } from "./feature-leakage-data";

/**
 * Near-duplicates across a version's splits by CNN features: frames whose vectors point almost the
 * same way, which a difference hash misses when a shot is re-framed, zoomed or recoloured. Laid out
 * like the dHash report above it: a verdict, the counts per pair of splits, the closest pairs side by side.
 */
export function FeatureLeakageReport({ report }: { report: FeatureLeakageData }) {
  const compared = report.frames - report.framesWithoutVector;
  const threshold = formatSimilarity(report.threshold);
  return (
    <div className="space-y-4" data-testid="feature-leakage-report" data-pairs={report.crossSplitPairs} data-threshold={report.threshold} data-backbone={report.backbone.id}>
      {report.crossSplitPairs === 0 ? (
        <Alert tone="success" title="No look-alikes across splits">
          <span data-testid="feature-leakage-status">
            {plural(compared, "frame")} compared with {report.backbone.name}: no two frames in different splits reach a cosine similarity of {threshold}.
          </span>
        </Alert>
      ) : (
        <Alert tone="error" title={`${plural(report.crossSplitPairs, "look-alike pair")} across splits`}>
          <span data-testid="feature-leakage-status">
            Under {report.backbone.name}, their feature vectors have a cosine similarity of {threshold} or more: to a classifier on these features they are, in effect, the same picture.
          </span>
        </Alert>
      )}
      {report.framesWithoutVector > 0 ? (
        <p className="text-xs text-amber-800">
          {plural(report.framesWithoutVector, "frame")} without {report.backbone.name} features could not be compared; extract them on the Models page.
        </p>
      ) : null}

      <div>
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Pairs by splits</h3>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="feature-leakage-pairs">
          {report.pairs.map((pair) => (
            <li
              key={`${pair.a}-${pair.b}`}
              className={`flex items-center justify-between gap-2 rounded-lg px-3 py-2 text-xs ring-1 ring-inset ${pair.pairs > 0 ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
              data-testid="feature-leakage-pair-count"
              data-a={pair.a}
              data-b={pair.b}
              data-pairs={pair.pairs}
            >
              <span className="inline-flex min-w-0 items-center gap-1">
                <span className={`size-2 shrink-0 rounded-full ${SPLIT_STYLE[pair.a].bar}`} aria-hidden="true" />
                {SPLIT_STYLE[pair.a].label}
                <span aria-label="and">↔</span>
                <span className={`size-2 shrink-0 rounded-full ${SPLIT_STYLE[pair.b].bar}`} aria-hidden="true" />
                {SPLIT_STYLE[pair.b].label}
              </span>
              <span className="font-semibold tabular-nums">{pair.pairs.toLocaleString("en")}</span>
            </li>
          ))}
        </ul>
      </div>

      {report.examples.length > 0 ? (
        <div>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Most similar pairs{report.examples.length < report.crossSplitPairs ? ` (${report.examples.length} of ${report.crossSplitPairs.toLocaleString("en")})` : ""}
          </h3>
          <ul className="grid gap-3 lg:grid-cols-2" data-testid="feature-leakage-examples">
            {report.examples.map(inSplitOrder).map((example) => (
              <li
                key={`${example.a.id}-${example.b.id}`}
                className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset"
                data-testid="feature-leakage-example"
                data-similarity={example.similarity}
              >
                <PairFrame frame={example.a} split={example.splitA} />
                <div className="flex flex-col items-center text-center">
                  <span className="text-lg font-bold text-slate-900 tabular-nums">{formatSimilarity(example.similarity)}</span>
                  <span className="text-[11px] text-slate-500">cosine</span>
                </div>
                <PairFrame frame={example.b} split={example.splitB} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

type Example = FeatureLeakageData["examples"][number];

/** The pair with the earlier split (train, validation, test, distinct) on the left, as in the dHash report. */
function inSplitOrder(example: Example): Example {
  if (ASSIGNED_SPLITS.indexOf(example.splitA) <= ASSIGNED_SPLITS.indexOf(example.splitB)) return example;
  return { a: example.b, b: example.a, splitA: example.splitB, splitB: example.splitA, similarity: example.similarity };
}

function PairFrame({ frame, split }: { frame: LeakageFrame; split: AssignedSplit }) {
  const caption = frameCaption(frame);
  return (
    <figure className="min-w-0">
      <img src={frame.thumbnailUrl} alt={caption} loading="lazy" className="aspect-video w-full rounded-md bg-slate-900 object-contain" />
      <figcaption className="mt-1.5 space-y-1">
        <SplitBadge split={split} />
        <p className="truncate text-xs text-slate-600" title={caption}>
          {caption}
        </p>
      </figcaption>
    </figure>
  );
}
