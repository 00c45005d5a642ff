import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** A frame of a dataset the viewer may open; others' frames are "not found". */
export async function getFrame(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const frame = await ctx.db.frame.findFirst({ where: { id, dataset: visibleDatasetsWhere(viewer) } });
  if (!frame) throw notFound("Frame");
  return frame;
}
