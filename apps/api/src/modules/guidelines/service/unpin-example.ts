import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Removes a pinned example (admin only); the frame itself stays. */
export async function unpinExample(ctx: ServiceContext, id: string): Promise<boolean> {
  requireAdmin(ctx);
  assertId(id);
  return ctx.db.$transaction(async (tx) => {
    const example = await tx.guidelineExample.findUnique({ where: { id }, select: { datasetId: true, frameId: true, label: true } });
    if (!example) throw notFound("Example");
    // deleteMany, not delete: a concurrent unpin between the two statements is "not found", not a Prisma error.
    const { count } = await tx.guidelineExample.deleteMany({ where: { id } });
    if (count === 0) throw notFound("Example");
    await recordAudit(tx, ctx, {
      action: "guideline.unpin",
      targetType: "GuidelineExample",
      targetId: id,
      datasetId: example.datasetId,
      data: { frameId: example.frameId, label: example.label },
    });
    return true;
  });
}
