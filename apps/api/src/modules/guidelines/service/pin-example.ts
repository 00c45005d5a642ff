import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { badInput, notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { pinExampleInput } from "./contracts.ts";
import { EXAMPLE_INCLUDE } from "./list-examples.ts";

/**
 * Pins a frame beside its dataset's face rules as an example of FACE or NO_FACE (admin only).
 * Pinning a frame that is already pinned changes its label, its note (when one is given) and who
 * pinned it, rather than adding a second example of the same frame.
 */
export async function pinExample(ctx: ServiceContext, input: { frameId: string; label: string; note?: string | null }) {
  const viewer = requireAdmin(ctx);
  const frameId = assertId(input.frameId, "frameId");
  const parsed = pinExampleInput.safeParse(input);
  // The contract returns GuidelineExample itself (no result union), so bad input is a BAD_USER_INPUT error.
  if (!parsed.success) throw badInput(parsed.error.issues.map((issue) => issue.message).join(" "));
  const { label, note } = parsed.data;

  return ctx.db.$transaction(async (tx) => {
    const frame = await tx.frame.findUnique({ where: { id: frameId }, select: { id: true, datasetId: true } });
    if (!frame) throw notFound("Frame");
    const example = await tx.guidelineExample.upsert({
      where: { datasetId_frameId: { datasetId: frame.datasetId, frameId } },
      create: { datasetId: frame.datasetId, frameId, label, note: note ?? "", pinnedById: viewer.id },
      update: { label, pinnedById: viewer.id, ...(note != null ? { note } : {}) },
      include: EXAMPLE_INCLUDE,
    });
    await recordAudit(tx, ctx, {
      action: "guideline.pin",
      targetType: "GuidelineExample",
      targetId: example.id,
      datasetId: frame.datasetId,
      data: { frameId, label, note: example.note },
    });
    return example;
  });
}
