import { randomUUID } from "node:crypto";
import type { Db, Job, Kernel as KernelEnum } from "@kao/db";
import { serialiseSvmModel, type Kernel } from "@kao/ml";
import type { EvaluatedConfiguration } from "./evaluate-configurations.ts";
import { kernelVariant } from "./kernel-variant.ts";
import type { TrainParams } from "./train-params.ts";

const KERNEL_ENUM: Record<Kernel["type"], KernelEnum> = { linear: "LINEAR", rbf: "RBF", poly: "POLY" };

/**
 * One TrainingRun per configuration, all in one transaction: a resumed job first removes the runs an
 * earlier attempt of it wrote, so a crash never leaves half a grid or a grid twice. Returns the run
 * ids in the configurations' order.
 */
export async function writeRuns(db: Db, options: { job: Job; params: TrainParams; evaluated: readonly EvaluatedConfiguration[] }): Promise<string[]> {
  const { job, params } = options;
  const datasetId = job.datasetId ?? "";
  const rows = options.evaluated.map((configuration) => ({ id: randomUUID(), configuration }));
  await db.$transaction([
    db.trainingRun.deleteMany({ where: { jobId: job.id, publishedAt: null } }),
    db.trainingRun.createMany({
      data: rows.map(({ id, configuration }) => ({
        id,
        datasetId,
        backboneId: params.backboneId,
        splitVersionId: params.splitVersionId,
        jobId: job.id,
        createdById: job.createdById,
        kernel: KERNEL_ENUM[configuration.kernel.type],
        status: "SUCCEEDED" as const,
        params: {
          variant: kernelVariant(configuration.kernel),
          C: configuration.C,
          degree: configuration.kernel.type === "poly" ? configuration.kernel.degree : null,
          gamma: configuration.kernel.type === "linear" ? null : configuration.kernel.gamma,
          coef0: configuration.kernel.type === "poly" ? configuration.kernel.coef0 : null,
          standardise: params.standardise,
          classWeights: params.classWeights,
          supportCount: configuration.supportCount,
        },
        metrics: configuration.metrics,
        // Copied into a plain ArrayBuffer, which Prisma's Bytes type asks for.
        model: configuration.model ? new Uint8Array(serialiseSvmModel(configuration.model)) : null,
      })),
    }),
  ]);
  return rows.map((row) => row.id);
}
