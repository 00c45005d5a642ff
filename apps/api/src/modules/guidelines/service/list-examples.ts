import { requireViewer } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";

/** What the GuidelineExample type shows with each example: its frame and who pinned it. */
export const EXAMPLE_INCLUDE = { frame: true, pinnedBy: true } as const;

/** A dataset's pinned examples, newest first, for anyone who may open the dataset. */
export async function listExamples(ctx: ServiceContext, datasetId: string) {
  requireViewer(ctx);
  await getDataset(ctx, datasetId);
  return ctx.db.guidelineExample.findMany({
    where: { datasetId },
    include: EXAMPLE_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export type GuidelineExampleWithRelations = Awaited<ReturnType<typeof listExamples>>[number];
