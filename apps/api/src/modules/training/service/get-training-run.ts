import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { isId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { loadRunViews } from "./run-view.ts";

/** One training run of a dataset the viewer may open. */
export async function getTrainingRun(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  if (!isId(id)) throw notFound("Training run");
  const [run] = await loadRunViews(ctx.db, { id, dataset: visibleDatasetsWhere(viewer) });
  if (!run) throw notFound("Training run");
  return run;
}
