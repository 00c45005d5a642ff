import { isUniqueViolation } from "@kao/db";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { resettleDataset } from "../../labelling/service/resettle-dataset.ts";
import { updateDatasetInput } from "./contracts.ts";

/**
 * Updates name, description, guidelines or overlap. `expectedUpdatedAt` guards against two admins
 * editing the guidelines at once: the second save is refused instead of silently overwriting the first.
 */
export async function updateDataset(ctx: ServiceContext, id: string, input: unknown, expectedUpdatedAt?: Date | null) {
  requireAdmin(ctx);
  assertId(id);
  const data = parseInput(updateDatasetInput, input);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const current = await tx.dataset.findUnique({ where: { id } });
      if (!current) throw notFound("Dataset");
      const changes = Object.fromEntries(Object.entries(data).filter(([, value]) => value != null));
      const { count } = await tx.dataset.updateMany({
        where: { id, ...(expectedUpdatedAt ? { updatedAt: expectedUpdatedAt } : {}) },
        data: changes,
      });
      if (count === 0) throw new ConflictError("Someone else changed this dataset since you loaded it. Reload and apply your change again.");
      if (data.overlap != null && data.overlap !== current.overlap) await resettleDataset(tx, id, data.overlap);
      await recordAudit(tx, ctx, { action: "dataset.update", targetType: "Dataset", targetId: id, datasetId: id, data: { fields: Object.keys(changes) } });
      return tx.dataset.findUniqueOrThrow({ where: { id } });
      // Changing the overlap re-settles every frame (≈ 7 s for 100,000 labelled frames on 2 cores).
    }, { timeout: 120_000, maxWait: 10_000 });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A dataset with that name already exists.`);
    throw error;
  }
}
