import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";

/** How many of a dataset's frames have a vector for a backbone (members of the dataset and admins). */
export async function featureCoverage(ctx: ServiceContext, backboneId: string, datasetId: string) {
  const dataset = await getDataset(ctx, datasetId);
  const [vectors, frames] = await Promise.all([
    ctx.db.featureVector.count({ where: { backboneId, frame: { datasetId: dataset.id } } }),
    ctx.db.frame.count({ where: { datasetId: dataset.id } }),
  ]);
  return { datasetId: dataset.id, vectors, frames };
}
