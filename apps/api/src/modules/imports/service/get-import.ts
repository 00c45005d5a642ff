import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** An import job of a dataset the viewer may see. */
export async function getImport(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const job = await ctx.db.job.findFirst({ where: { id, kind: "IMPORT", dataset: visibleDatasetsWhere(viewer) } });
  if (!job) throw notFound("Import");
  return job;
}
