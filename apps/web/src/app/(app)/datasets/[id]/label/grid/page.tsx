import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { LabellingHeader } from "@/components/labelling/labelling-header";
import { RulesPanel } from "@/components/labelling/rules-panel";
import { getViewer } from "@/server/viewer";
import { loadLabelling } from "../load-labelling";
import { GridLabeller } from "./_components/grid-labeller";

export const metadata: Metadata = { title: "Label frames in a grid" };

type Params = Promise<{ id: string }>;

export default async function GridLabelPage({ params }: { params: Params }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.role === "VIEWER") return <Forbidden title="Labellers only" what="Viewers can follow the progress and the agreement of a dataset, not label it." />;
  // The grid's size is the browser's choice (localStorage), so its frames are fetched there.
  const { dataset } = await loadLabelling(id, { count: null });

  return (
    <>
      <LabellingHeader datasetId={dataset.id} datasetName={dataset.name} title="Label frames" mode="grid" />
      <GridLabeller key={`${viewer.id}:${dataset.id}`} datasetId={dataset.id} viewerId={viewer.id} rulesPanel={<RulesPanel guidelines={dataset.guidelines} examples={dataset.examples} />} />
    </>
  );
}
