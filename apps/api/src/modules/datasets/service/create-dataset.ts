import { isUniqueViolation } from "@kao/db";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { ConflictError, parseInput } from "../../../graphql/result-errors.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { DEFAULT_GUIDELINES, createDatasetInput } from "./contracts.ts";

export async function createDataset(ctx: ServiceContext, input: unknown) {
  const viewer = requireAdmin(ctx);
  const data = parseInput(createDatasetInput, input);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const dataset = await tx.dataset.create({
        data: {
          name: data.name,
          description: data.description ?? "",
          guidelines: data.guidelines ?? DEFAULT_GUIDELINES,
          overlap: data.overlap ?? 1,
          createdById: viewer.id,
          // The creator is a member, so the dataset shows up in their lists even if they stop being admin.
          ...(viewer.id ? { members: { create: { userId: viewer.id } } } : {}),
        },
      });
      await recordAudit(tx, ctx, { action: "dataset.create", targetType: "Dataset", targetId: dataset.id, datasetId: dataset.id, data: { name: dataset.name } });
      return dataset;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A dataset named "${data.name}" already exists.`);
    throw error;
  }
}
