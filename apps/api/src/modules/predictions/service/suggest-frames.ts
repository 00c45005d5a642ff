import { QUEUES } from "@kao/queue";
import { z } from "zod";
import { requireRole } from "../../../access.ts";
import { recordAudit } from "../../../audit.ts";
import { InputValidationError, parseInput } from "../../../graphql/result-errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { enqueueJob } from "../../backbones/service/enqueue-job.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { findRun } from "./find-run.ts";

const suggestInput = z.object({
  datasetId: z.string(),
  runId: z.string().nullish(),
  batchSize: z.number().int().min(1, { message: "At least 1 frame." }).max(10_000).nullish(),
  flagLabelErrors: z.boolean().nullish(),
});

/**
 * Reorders a dataset's labelling queue with a run (reviewers and admins): a PREDICT job scores every
 * frame, then the unlabelled, non-held-out ones get priorities (a diverse batch of uncertain frames
 * first) and TRAIN labels the run contradicts go to review. Default run: the published one, else the
 * one the latest training picked.
 */
export async function suggestFrames(ctx: ServiceContext & { platform: Platform }, input: unknown) {
  requireRole(ctx, "ADMIN", "REVIEWER");
  const data = parseInput(suggestInput, input);
  const dataset = await getDataset(ctx, data.datasetId);
  const runId = data.runId ?? (await publishedOrLatestSelected(ctx, dataset.id));
  const run = await findRun(ctx.db, dataset.id, runId);
  if (!(await ctx.db.trainingRun.count({ where: { id: run.id, model: { not: null } } }))) {
    throw new InputValidationError("This run kept no model: only the best C of each kernel does.", [{ path: "runId", message: "No stored model." }]);
  }
  const job = await ctx.db.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        kind: "PREDICT",
        datasetId: dataset.id,
        createdById: ctx.viewer?.id ?? null,
        params: { runId: run.id, suggest: true, suggestBatchSize: data.batchSize ?? 100, flagLabelErrors: data.flagLabelErrors ?? true },
      },
    });
    await recordAudit(tx, ctx, { action: "frames.suggest", targetType: "Job", targetId: created.id, datasetId: dataset.id, data: { runId: run.id } });
    return created;
  });
  await enqueueJob(ctx.platform, QUEUES.predict, job.id);
  return job;
}

async function publishedOrLatestSelected(ctx: ServiceContext, datasetId: string): Promise<string | null> {
  const published = await ctx.db.trainingRun.findFirst({ where: { datasetId, publishedAt: { not: null } }, select: { id: true } });
  if (published) return published.id;
  const job = await ctx.db.job.findFirst({ where: { datasetId, kind: "TRAIN", status: "SUCCEEDED" }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }], select: { result: true } });
  const selected = z.object({ selectedRunId: z.string() }).safeParse(job?.result).data?.selectedRunId;
  if (!selected) throw new InputValidationError("This dataset has no trained run yet: train one, or pass runId.", [{ path: "runId", message: "No run to suggest with." }]);
  return selected;
}
