import type { Prisma, Split } from "@kao/db";
import { requireViewer } from "../../../access.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";

export type FrameLabelState = "UNLABELLED" | "IN_PROGRESS" | "DONE";

export interface FrameFilter {
  datasetId: string;
  titleId?: string | null;
  videoId?: string | null;
  sceneId?: string | null;
  split?: Split | null;
  labelState?: FrameLabelState | null;
}

/** A dataset's frames the viewer may see, filtered; throws NOT_FOUND for datasets they cannot open. */
export async function framesWhere(ctx: ServiceContext, filter: FrameFilter): Promise<Prisma.FrameWhereInput> {
  requireViewer(ctx);
  await getDataset(ctx, filter.datasetId);
  const where: Prisma.FrameWhereInput = { datasetId: filter.datasetId };
  if (filter.titleId) where.titleId = assertId(filter.titleId, "titleId");
  if (filter.videoId) where.videoId = assertId(filter.videoId, "videoId");
  if (filter.sceneId) where.sceneId = assertId(filter.sceneId, "sceneId");
  if (filter.split) where.split = filter.split;
  if (filter.labelState === "UNLABELLED") where.annotations = { none: {} };
  if (filter.labelState === "IN_PROGRESS") Object.assign(where, { annotations: { some: {} }, consensus: { is: null } });
  if (filter.labelState === "DONE") where.consensus = { isNot: null };
  return where;
}
