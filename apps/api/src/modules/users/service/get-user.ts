import { requireViewer } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Admins read anyone; others only themselves. Others' ids answer "not found" so ids reveal nothing. */
export async function getUser(ctx: ServiceContext, id: string) {
  const viewer = requireViewer(ctx);
  assertId(id);
  if (viewer.role !== "ADMIN" && viewer.id !== id) throw notFound("User");
  const user = await ctx.db.user.findUnique({ where: { id } });
  if (!user) throw notFound("User");
  return user;
}
