import { extractFeatures, predictSvm } from "@kao/ml";
import { requireRole } from "../../../access.ts";
import { badInput, notFound } from "../../../errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { resolveModelPath } from "../../backbones/service/model-path.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { findRun } from "./find-run.ts";
import { backboneSession, runModel } from "./inference-cache.ts";

export interface ImagePrediction {
  label: "FACE" | "NO_FACE";
  decisionValue: number;
  runId: string;
  backboneId: string;
}

/**
 * Classifies one image with a dataset's published run (or `runId`): the run's backbone extracts the
 * image's features exactly as the worker extracts frames', then the run's SVM decides. Members of the
 * dataset and admins, except labellers: they label blind, and any frame they see could be sent here,
 * held-out ones included. The image is not stored.
 */
export async function predictImage(ctx: ServiceContext & { platform: Platform }, options: { datasetId: string; runId?: string | null; image: Buffer }): Promise<ImagePrediction> {
  requireRole(ctx, "VIEWER", "REVIEWER", "ADMIN");
  const dataset = await getDataset(ctx, options.datasetId);
  const run = await findRun(ctx.db, dataset.id, options.runId);
  const backbone = await ctx.db.backbone.findUniqueOrThrow({ where: { id: run.backboneId } });
  const model = await runModel(run.id, async () => {
    const stored = await ctx.db.trainingRun.findUnique({ where: { id: run.id }, select: { model: true } });
    if (!stored?.model) throw notFound("Model of this run (only the best C of each kernel keeps one)");
    return stored.model;
  });
  const { session } = await backboneSession(backbone, resolveModelPath(ctx.platform, backbone.modelPath));
  const [features] = await extractFeatures({
    session,
    tap: backbone.tapLayer,
    pooling: backbone.pooling,
    preprocessing: { width: backbone.inputWidth, height: backbone.inputHeight, channelOrder: backbone.channelOrder, scale: backbone.scale, mean: backbone.mean, std: backbone.std },
    images: [options.image],
  });
  if (!features || !("vector" in features)) throw badInput(`The image could not be read: ${features?.error ?? "no result"}.`);
  const { decisions } = await predictSvm({ model, features: features.vector });
  const decisionValue = decisions[0] ?? 0;
  return { label: decisionValue > 0 ? "FACE" : "NO_FACE", decisionValue, runId: run.id, backboneId: backbone.id };
}
