import { Alert } from "@/components/alert";
import { plural } from "@/lib/format";
import { MaxDistanceSelect } from "./max-distance-select";
import { LeakageExamples, LeakagePairCounts } from "./leakage-pairs";
import type { LeakageData } from "./split-data";

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

      <LeakagePairCounts pairs={report.pairs} testId="leakage" />
      <LeakageExamples
        title="Nearest pairs"
        examples={report.examples}
        total={report.crossSplitPairs}
        testId="leakage"
        measure={(example) => ({ value: example.distance, unit: example.distance === 1 ? "bit apart" : "bits apart", data: { "data-distance": example.distance } })}
      />
    </div>
  );
}
