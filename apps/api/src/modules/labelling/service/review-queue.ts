import type { DefaultConnectionArguments } from "@pothos/plugin-relay";
import type { ServiceContext } from "../../../service-context.ts";
import { prismaConnection } from "../../../graphql/connection.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { REVIEW_ROLES, requireLabeller } from "./require-labeller.ts";

/**
 * Frames of a dataset waiting for a reviewer, oldest first: a frame in REVIEW changes no more until
 * it is adjudicated or a label on it is undone, so `updatedAt` is when it entered review.
 */
export async function reviewQueue(ctx: ServiceContext, datasetId: string, page: DefaultConnectionArguments) {
  requireLabeller(ctx, REVIEW_ROLES);
  const dataset = await getDataset(ctx, datasetId);
  return prismaConnection(page, (window) =>
    ctx.db.frame.findMany({
      where: { datasetId: dataset.id, labelStatus: "REVIEW" },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      ...window,
    }),
  );
}
