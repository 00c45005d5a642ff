import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { InputValidationError } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Adds a user (by id or email) to a dataset; adding an existing member changes nothing. */
export async function addDatasetMember(ctx: ServiceContext, datasetId: string, who: { userId?: string | null; email?: string | null }) {
  requireAdmin(ctx);
  assertId(datasetId, "datasetId");
  if (!who.userId && !who.email) throw new InputValidationError("Give a user id or an email.", [{ path: "email", message: "Required." }]);
  const dataset = await ctx.db.dataset.findUnique({ where: { id: datasetId } });
  if (!dataset) throw notFound("Dataset");
  const user = who.userId
    ? await ctx.db.user.findUnique({ where: { id: assertId(who.userId, "userId") } })
    : await ctx.db.user.findUnique({ where: { email: (who.email ?? "").trim().toLowerCase() } });
  if (!user) throw new InputValidationError("No user with that email or id.", [{ path: who.userId ? "userId" : "email", message: "Unknown user." }]);
  if (user.deactivatedAt) throw new InputValidationError(`${user.email} is deactivated.`, [{ path: "email", message: "Deactivated user." }]);
  return ctx.db.$transaction(async (tx) => {
    const member = await tx.datasetMember.upsert({
      where: { datasetId_userId: { datasetId, userId: user.id } },
      create: { datasetId, userId: user.id },
      update: {},
      include: { user: true },
    });
    await recordAudit(tx, ctx, { action: "dataset.add-member", targetType: "Dataset", targetId: datasetId, datasetId, data: { userId: user.id } });
    return member;
  });
}

/** Removes a member; their labels stay (they are the dataset's history), only access ends. */
export async function removeDatasetMember(ctx: ServiceContext, datasetId: string, userId: string) {
  requireAdmin(ctx);
  assertId(datasetId, "datasetId");
  assertId(userId, "userId");
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.datasetMember.deleteMany({ where: { datasetId, userId } });
    if (count === 0) throw notFound("Membership");
    await recordAudit(tx, ctx, { action: "dataset.remove-member", targetType: "Dataset", targetId: datasetId, datasetId, data: { userId } });
    return tx.dataset.findUniqueOrThrow({ where: { id: datasetId } });
  });
}
