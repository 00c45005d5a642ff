import type { JobKind } from "@kao/db";
import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

const NAMES: Record<JobKind, string> = { IMPORT: "Import", EXTRACT: "Extraction job", TRAIN: "Training job", PREDICT: "Prediction job", DOWNLOAD: "Download job" };

/** A worker job of one kind in a dataset the viewer may open; others' jobs are "not found". */
export async function getJob(ctx: ServiceContext, kind: JobKind, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const job = await ctx.db.job.findFirst({ where: { id, kind, dataset: visibleDatasetsWhere(viewer) } });
  if (!job) throw notFound(NAMES[kind]);
  return job;
}
