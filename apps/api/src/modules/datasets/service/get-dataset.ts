import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** A dataset the viewer may see; a non-member gets "not found" whether or not it exists. */
export async function getDataset(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const dataset = await ctx.db.dataset.findFirst({ where: { id, ...visibleDatasetsWhere(viewer) } });
  if (!dataset) throw notFound("Dataset");
  return dataset;
}
