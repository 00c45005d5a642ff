import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { GUIDELINE_EXAMPLE_FIELDS, type GuidelineExampleView } from "@/components/labelling/examples";
import { LabellingHeader } from "@/components/labelling/labelling-header";
import { RulesPanel } from "@/components/labelling/rules-panel";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { ReviewDesk } from "./_components/review-desk";
import { REVIEW_BATCH, REVIEW_FRAME_FIELDS, type ReviewFrame } from "./review-frames";

export const metadata: Metadata = { title: "Review" };

const REVIEW = /* GraphQL */ `
  query ReviewPage($id: ID!, $first: Int!) {
    dataset(id: $id) {
      id name guidelines
      examples { ${GUIDELINE_EXAMPLE_FIELDS} }
      progress { inReview }
    }
    reviewQueue(datasetId: $id, first: $first) {
      edges { node { ${REVIEW_FRAME_FIELDS} } }
    }
  }
`;

interface ReviewData {
  dataset: { id: string; name: string; guidelines: string; examples: GuidelineExampleView[]; progress: { inReview: number } };
  reviewQueue: { edges: { node: ReviewFrame }[] };
}

type Params = Promise<{ id: string }>;

export default async function ReviewPage({ params }: { params: Params }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.role !== "ADMIN" && viewer.role !== "REVIEWER") {
    return <Forbidden title="Reviewers only" what="Reviewers and admins settle the frames labellers disagreed on." />;
  }
  const { dataset, reviewQueue } = await graphqlOrNotFound<ReviewData>(REVIEW, { id, first: REVIEW_BATCH });

  return (
    <>
      <LabellingHeader datasetId={dataset.id} datasetName={dataset.name} title="Review" mode="review" />
      <ReviewDesk
        key={`${viewer.id}:${dataset.id}`}
        datasetId={dataset.id}
        initialFrames={reviewQueue.edges.map((edge) => edge.node)}
        initialWaiting={dataset.progress.inReview}
        rulesPanel={<RulesPanel guidelines={dataset.guidelines} examples={dataset.examples} />}
      />
    </>
  );
}
