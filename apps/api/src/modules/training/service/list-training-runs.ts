import type { Prisma } from "@kao/db";
import type { ServiceContext } from "../../../service-context.ts";
import { assertId } from "../../../ids.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { buildResultsTable } from "./results-table.ts";
import { loadRunViews } from "./run-view.ts";

/** A dataset's training runs (optionally one job's) and the paper-style table of them (members and admins). */
export async function listTrainingRuns(ctx: ServiceContext, args: { datasetId: string; jobId?: string | null }) {
  const dataset = await getDataset(ctx, args.datasetId);
  const where: Prisma.TrainingRunWhereInput = { datasetId: dataset.id };
  if (args.jobId) where.jobId = assertId(args.jobId, "jobId");
  const runs = await loadRunViews(ctx.db, where);
  return { runs, table: buildResultsTable(runs) };
}
