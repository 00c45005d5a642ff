import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card, CardHeader } from "@/components/card";
import { FeatureLeakageControls } from "./feature-leakage-controls";
import { FeatureLeakageReport } from "./feature-leakage-report";
import type { FeatureLeakageState } from "./load-feature-leakage";

/** The split version page's second leakage card: look-alikes by CNN features, beside the dHash card. */
export function FeatureLeakageCard({ datasetId, state }: { datasetId: string; state: FeatureLeakageState }) {
  return (
    <Card>
      <CardHeader
        title="Leakage by features"
        description="Pairs of frames in different splits whose CNN feature vectors have at least the chosen cosine similarity. This finds look-alikes the difference hash misses: the same drawing re-framed, zoomed or recoloured."
      />
      <div className="space-y-4 px-5 py-4" data-testid="feature-leakage">
        {state.kind === "no-features" ? (
          <Alert tone="info" title="No features extracted yet">
            <span data-testid="feature-leakage-status">
              Extract features with a backbone on the{" "}
              <Link prefetch={false} href={`/datasets/${datasetId}/models`} className="font-medium underline">
                Models page
              </Link>{" "}
              to compare frames by what a CNN sees in them.
            </span>
          </Alert>
        ) : (
          <>
            {state.backbones.length > 0 ? (
              <div className="flex justify-end">
                <FeatureLeakageControls backbones={state.backbones} backboneId={state.backboneId} threshold={state.threshold} />
              </div>
            ) : null}
            {state.kind === "report" ? (
              <FeatureLeakageReport report={state.report} />
            ) : (
              <Alert tone="warning" title="Cannot compare by these features">
                <span data-testid="feature-leakage-status">{state.message}</span>
              </Alert>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
