import type { Prisma } from "@kao/db";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";

/** The `where` of a dataset's split versions; NOT_FOUND for datasets the viewer cannot open. */
export async function splitVersionsWhere(ctx: ServiceContext, datasetId: string): Promise<Prisma.SplitVersionWhereInput> {
  const dataset = await getDataset(ctx, datasetId);
  return { datasetId: dataset.id };
}
