import { QUEUES } from "@kao/queue";
import { requireAdmin } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { notFound } from "../../../errors.ts";
import { InputValidationError, parseInput } from "../../../graphql/result-errors.ts";
import { isId } from "../../../ids.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { enqueueJob } from "../../backbones/service/enqueue-job.ts";
import { PAPER_KERNEL_CHOICES, startTrainingInput } from "./contracts.ts";

const invalid = (path: string, message: string) => new InputValidationError(message, [{ path, message }]);

/**
 * Queues the paper's grid on one backbone and one split version of a dataset (admins). What can be
 * checked now is checked here (the backbone and the version exist and belong together, the grid is
 * not empty); what depends on the data (vectors, both classes in TRAIN, a VAL split) the worker
 * checks when it runs, and fails the job with a message that says what to do.
 */
export async function startTraining(ctx: ServiceContext & { platform: Platform }, input: unknown) {
  requireAdmin(ctx);
  const data = parseInput(startTrainingInput, input);
  if (!isId(data.datasetId)) throw notFound("Dataset");
  if (!isId(data.backboneId)) throw invalid("backboneId", "Unknown backbone.");
  if (!isId(data.splitVersionId)) throw invalid("splitVersionId", "Unknown split version.");
  const kernels = data.kernels ?? PAPER_KERNEL_CHOICES;
  const job = await ctx.db.$transaction(async (tx) => {
    if (!(await tx.dataset.findUnique({ where: { id: data.datasetId }, select: { id: true } }))) throw notFound("Dataset");
    if (!(await tx.backbone.findUnique({ where: { id: data.backboneId }, select: { id: true } }))) throw invalid("backboneId", "Unknown backbone.");
    const version = await tx.splitVersion.findUnique({ where: { id: data.splitVersionId }, select: { datasetId: true } });
    if (version?.datasetId !== data.datasetId) throw invalid("splitVersionId", "No such split version in this dataset.");
    const created = await tx.job.create({
      data: {
        kind: "TRAIN",
        datasetId: data.datasetId,
        createdById: ctx.viewer?.id ?? null,
        params: {
          backboneId: data.backboneId,
          splitVersionId: data.splitVersionId,
          kernels: kernels.map((choice) => ({ kernel: choice.kernel, degree: choice.kernel === "POLY" ? choice.degree ?? null : null })),
          Cs: [...new Set(data.Cs)],
          standardise: data.standardise ?? false,
          classWeights: data.classWeights ?? "balanced",
          suggestBatchSize: data.suggestBatchSize ?? 100,
          flagLabelErrors: data.flagLabelErrors ?? true,
        },
      },
    });
    await recordAudit(tx, ctx, { action: "training.start", targetType: "Job", targetId: created.id, datasetId: data.datasetId, data: { backboneId: data.backboneId, splitVersionId: data.splitVersionId } });
    return created;
  });
  await enqueueJob(ctx.platform, QUEUES.train, job.id);
  return job;
}
