import { Alert } from "@/components/alert";
import { plural } from "@/lib/format";
import { frameCaption } from "@/components/labelling/frame-caption";
import { MaxDistanceSelect } from "./max-distance-select";
import { SPLIT_STYLE, SplitBadge } from "./split-bar";
import { ASSIGNED_SPLITS, type LeakageData, type LeakageFrame } from "./split-data";

/**
 * Near-duplicates across a version's splits: a leak lets a model be tested on what it has, in effect,
 * seen in training (frames 1 s apart are near-copies). Green when there are none; otherwise the
 * counts per pair of splits and the nearest pairs side by side.
 */
export function LeakageReport({ report }: { report: LeakageData }) {
  const clean = report.crossSplitPairs === 0;
  const compared = report.frames - report.framesWithoutHash;
  return (
    <div className="space-y-4 px-5 py-4" data-testid="leakage-report" data-pairs={report.crossSplitPairs} data-max-distance={report.maxDistance}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          {clean ? (
            <Alert tone="success" title="No near-duplicates across splits">
              <span data-testid="leakage-status">
                {plural(compared, "frame")} compared: no two frames in different splits are within {plural(report.maxDistance, "bit")} of each other.
              </span>
            </Alert>
          ) : (
            <Alert tone="error" title={`${plural(report.crossSplitPairs, "near-duplicate pair")} across splits`}>
              <span data-testid="leakage-status">
                Frames within {plural(report.maxDistance, "bit")} look alike: a model tested on one of them has, in effect, seen the other.
                {report.sameScenePairs > 0 ? ` ${plural(report.sameScenePairs, "pair")} lie inside one scene.` : " None lie inside one scene: they are look-alike shots from different scenes."}
              </span>
            </Alert>
          )}
        </div>
        <MaxDistanceSelect value={report.maxDistance} />
      </div>
      {report.framesWithoutHash > 0 ? (
        <p className="text-xs text-amber-800">{plural(report.framesWithoutHash, "frame")} without a difference hash could not be compared.</p>
      ) : null}
      {report.scenesAcrossSplits > 0 ? (
        <Alert tone="warning">
          {plural(report.scenesAcrossSplits, "scene")} {report.scenesAcrossSplits === 1 ? "has" : "have"} frames in more than one split. kao keeps scenes whole, so this
          version was changed by hand or its scenes changed since.
        </Alert>
      ) : null}

      <div>
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Pairs by splits</h3>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="leakage-pairs">
          {report.pairs.map((pair) => (
            <li
              key={`${pair.a}-${pair.b}`}
              className={`flex items-center justify-between gap-2 rounded-lg px-3 py-2 text-xs ring-1 ring-inset ${pair.pairs > 0 ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
              data-testid="leakage-pair-count"
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
            Nearest pairs{report.examples.length < report.crossSplitPairs ? ` (${report.examples.length} of ${report.crossSplitPairs.toLocaleString("en")})` : ""}
          </h3>
          <ul className="grid gap-3 lg:grid-cols-2" data-testid="leakage-examples">
            {report.examples.map(inSplitOrder).map((example) => (
              <li
                key={`${example.a.id}-${example.b.id}`}
                className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset"
                data-testid="leakage-example"
                data-distance={example.distance}
              >
                <LeakFrame frame={example.a} split={example.splitA} />
                <div className="flex flex-col items-center text-center">
                  <span className="text-lg font-bold text-slate-900 tabular-nums">{example.distance}</span>
                  <span className="text-[11px] text-slate-500">{example.distance === 1 ? "bit" : "bits"} apart</span>
                </div>
                <LeakFrame frame={example.b} split={example.splitB} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The pair with the earlier split (train, validation, test, distinct) on the left, so rows read alike. */
function inSplitOrder(example: LeakageData["examples"][number]): LeakageData["examples"][number] {
  if (ASSIGNED_SPLITS.indexOf(example.splitA) <= ASSIGNED_SPLITS.indexOf(example.splitB)) return example;
  return { a: example.b, b: example.a, splitA: example.splitB, splitB: example.splitA, distance: example.distance };
}

function LeakFrame({ frame, split }: { frame: LeakageFrame; split: keyof typeof SPLIT_STYLE }) {
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
