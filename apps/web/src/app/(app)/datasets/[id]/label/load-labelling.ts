import "server-only";
import { GUIDELINE_EXAMPLE_FIELDS, type GuidelineExampleView } from "@/components/labelling/examples";
import { LABEL_FRAME_FIELDS, type LabelTask } from "@/lib/labelling/labels";
import { PROGRESS_SUMMARY_FIELDS, type ProgressSummary } from "@/lib/labelling/operations";
import { graphqlOrNotFound } from "@/server/graphql";

const LABELLING = /* GraphQL */ `
  query Labelling($id: ID!, $count: Int!, $withFrames: Boolean!) {
    dataset(id: $id) {
      id name guidelines ruleNames overlap
      examples { ${GUIDELINE_EXAMPLE_FIELDS} }
      progress { ${PROGRESS_SUMMARY_FIELDS} }
    }
    nextFrames(datasetId: $id, count: $count) @include(if: $withFrames) {
      leaseExpiresAt
      frame { ${LABEL_FRAME_FIELDS} }
    }
  }
`;

export interface LabellingData {
  dataset: {
    id: string;
    name: string;
    guidelines: string;
    ruleNames: string[];
    overlap: number;
    examples: GuidelineExampleView[];
    progress: ProgressSummary;
  };
  /** Left out when `count` is null. */
  nextFrames?: LabelTask[];
}

/**
 * The dataset's rules and progress, and the first frames leased to the viewer, in one request: the
 * page arrives with a frame to label (its image is the only thing left to load).
 */
export function loadLabelling(id: string, options: { count: number | null }) {
  return graphqlOrNotFound<LabellingData>(LABELLING, { id, count: options.count ?? 1, withFrames: options.count !== null });
}
