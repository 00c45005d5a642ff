import { Alert } from "@/components/alert";
import { LeakageExamples, LeakagePairCounts } from "@/components/splits/leakage-pairs";
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

      <LeakagePairCounts pairs={report.pairs} testId="feature-leakage" />
      <LeakageExamples
        title="Most similar pairs"
        examples={report.examples}
        total={report.crossSplitPairs}
        testId="feature-leakage"
        measure={(example) => ({ value: formatSimilarity(example.similarity), unit: "cosine", data: { "data-similarity": example.similarity } })}
      />
    </div>
  );
}
