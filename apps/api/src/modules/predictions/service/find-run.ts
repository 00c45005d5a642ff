import type { Db } from "@kao/db";
import { notFound } from "../../../errors.ts";
import { isId } from "../../../ids.ts";

/**
 * The run to predict with in a dataset: the one asked for (it must belong to the dataset), else the
 * dataset's published run. Never the run's model bytes unless asked, which can be megabytes.
 */
export async function findRun(db: Db, datasetId: string, runId: string | null | undefined) {
  if (runId) {
    const run = isId(runId) ? await db.trainingRun.findFirst({ where: { id: runId, datasetId }, omit: { model: true } }) : null;
    if (!run) throw notFound("Training run");
    return run;
  }
  const published = await db.trainingRun.findFirst({ where: { datasetId, publishedAt: { not: null } }, omit: { model: true } });
  if (!published) throw notFound("Published run (publish one, or pass runId)");
  return published;
}
