import type { Prisma, Split } from "@kao/db";
import type { DefaultConnectionArguments } from "@pothos/plugin-relay";
import { requireViewer } from "../../../access.ts";
import { badInput, forbidden } from "../../../errors.ts";
import { prismaConnection } from "../../../graphql/connection.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { findRun } from "./find-run.ts";

export interface PredictionFilter extends DefaultConnectionArguments {
  datasetId: string;
  runId?: string | null;
  split?: Split | null;
  titleId?: string | null;
  minScore?: number | null;
  maxScore?: number | null;
}

const HELD_OUT: Split[] = ["TEST", "DISTINCT"];

/**
 * A run's predictions for a dataset's frames, by frame id (members and admins; the published run
 * unless `runId` says otherwise). Labellers never see scores of held-out frames (TEST split, distinct
 * titles): a labeller who saw what the model thinks of a test frame could no longer label it blind.
 */
export async function listPredictions(ctx: ServiceContext, filter: PredictionFilter) {
  const viewer = requireViewer(ctx);
  const dataset = await getDataset(ctx, filter.datasetId);
  const run = await findRun(ctx.db, dataset.id, filter.runId);
  const labeller = viewer.role === "LABELER";
  if (labeller && filter.split && HELD_OUT.includes(filter.split)) throw forbidden("Labellers do not see scores of held-out (TEST, DISTINCT) frames.");
  if (filter.minScore != null && filter.maxScore != null && filter.minScore > filter.maxScore) throw badInput("`minScore` is above `maxScore`.");

  const frame: Prisma.FrameWhereInput = { datasetId: dataset.id };
  if (filter.split) frame.split = filter.split;
  if (filter.titleId) frame.titleId = assertId(filter.titleId, "titleId");
  if (labeller) Object.assign(frame, { split: filter.split ?? { notIn: HELD_OUT }, title: { isDistinct: false } });
  const where: Prisma.PredictionWhereInput = { runId: run.id, frame };
  if (filter.minScore != null || filter.maxScore != null) {
    where.decisionValue = { ...(filter.minScore != null ? { gte: filter.minScore } : {}), ...(filter.maxScore != null ? { lte: filter.maxScore } : {}) };
  }
  return prismaConnection(filter, async (page) => {
    const rows = await ctx.db.prediction.findMany({
      where,
      include: { frame: true },
      orderBy: { frameId: "asc" },
      take: page.take,
      ...(page.cursor ? { cursor: { runId_frameId: { runId: run.id, frameId: page.cursor.id } }, skip: page.skip } : {}),
    });
    // Within one run a frame has one prediction: its id is the cursor.
    return rows.map((row) => ({ ...row, id: row.frameId }));
  });
}
