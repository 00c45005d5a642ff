import { requireAdmin } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** One catalog download or Keras import (admins): these jobs belong to no dataset. */
export async function getBackboneJob(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  assertId(id);
  const job = await ctx.db.job.findFirst({ where: { id, kind: "DOWNLOAD" } });
  if (!job) throw notFound("Backbone job");
  return job;
}
