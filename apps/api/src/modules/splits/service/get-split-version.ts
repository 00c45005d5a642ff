import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** A split version of a dataset the viewer may open; others' versions are "not found". */
export async function getSplitVersion(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id, "splitVersionId");
  const version = await ctx.db.splitVersion.findFirst({ where: { id, dataset: visibleDatasetsWhere(viewer) } });
  if (!version) throw notFound("Split version");
  return version;
}
