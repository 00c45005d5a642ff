import type { Prisma } from "@kao/db";
import { requireViewer } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { WORKER_JOB_KINDS } from "./worker-job-kinds.ts";

/**
 * An extraction, training, prediction or download job the viewer may see: a dataset's jobs for its
 * members and admins, download jobs (which belong to no dataset) for admins. Others get "not found".
 */
export async function getWorkerJob(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  const where: Prisma.JobWhereInput = { id, kind: { in: [...WORKER_JOB_KINDS] } };
  if (viewer.role !== "ADMIN") where.dataset = { is: { members: { some: { userId: viewer.id ?? "" } } } };
  const job = await ctx.db.job.findFirst({ where });
  if (!job) throw notFound("Job");
  return job;
}
