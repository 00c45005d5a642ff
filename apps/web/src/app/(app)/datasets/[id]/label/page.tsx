import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { LabellingHeader } from "@/components/labelling/labelling-header";
import { RulesPanel } from "@/components/labelling/rules-panel";
import { getViewer } from "@/server/viewer";
import { SingleLabeller } from "./_components/single-labeller";
import { loadLabelling } from "./load-labelling";

export const metadata: Metadata = { title: "Label frames" };

type Params = Promise<{ id: string }>;

export default async function LabelPage({ params }: { params: Params }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.role === "VIEWER") return <Forbidden title="Labellers only" what="Viewers can follow the progress and the agreement of a dataset, not label it." />;
  const { dataset, nextFrames } = await loadLabelling(id, { count: 20 });

  return (
    <>
      <LabellingHeader datasetId={dataset.id} datasetName={dataset.name} title="Label frames" mode="single" />
      <SingleLabeller
        // A new viewer or dataset is a new session (and another outbox).
        key={`${viewer.id}:${dataset.id}`}
        datasetId={dataset.id}
        viewerId={viewer.id}
        ruleNames={dataset.ruleNames}
        initialFrames={(nextFrames ?? []).map((task) => task.frame)}
        initialProgress={dataset.progress}
        rulesPanel={<RulesPanel guidelines={dataset.guidelines} examples={dataset.examples} />}
      />
    </>
  );
}
