import DataLoader from "dataloader";
import type { Frame, Job } from "@kao/db";
import { forbidden } from "../../errors.ts";
import { builder } from "../../graphql/builder.ts";
import type { GraphQLContext } from "../../graphql/context.ts";
import { InputValidationError } from "../../graphql/result-errors.ts";
import { WorkerJobRef, isJobOfKind, jobParam } from "../backbones/schema/job.ts";
import { getJob } from "../backbones/service/get-job.ts";
import { FrameRef, SplitEnum } from "../frames/schema.ts";
import { LabelEnum } from "../labelling/schema/types.ts";
import { ActiveLearningRef, activeLearningOf } from "../training/schema/active-learning.ts";
import { TrainingRunRef } from "../training/schema/types.ts";
import { loadRunViews } from "../training/service/run-view.ts";
import { listPredictions } from "./service/list-predictions.ts";
import { loadFrameSuggestions, type FrameSuggestion } from "./service/load-frame-suggestions.ts";
import { suggestFrames } from "./service/suggest-frames.ts";
import "./schema/predict-image.ts";

const PredictionRef = builder.objectRef<{ id: string; runId: string; decisionValue: number; label: "FACE" | "NO_FACE" | "UNSURE"; frame: Frame }>("Prediction").implement({
  description: "What a run's model says about one frame.",
  fields: (t) => ({
    frame: t.field({ type: FrameRef, resolve: (row) => row.frame }),
    runId: t.exposeID("runId"),
    label: t.expose("label", { type: LabelEnum, description: "FACE when the decision value is positive, else NO_FACE." }),
    decisionValue: t.exposeFloat("decisionValue", { description: "Signed distance from the SVM's boundary, in margins: near 0 = uncertain." }),
  }),
});

builder.queryField("predictions", (t) =>
  t.connection({
    type: PredictionRef,
    description:
      "A run's predictions for a dataset's frames, by frame id (members and admins). The published run unless `runId` is given; `split` is the frame's current split; scores are decision values. Labellers never see held-out (TEST, DISTINCT) frames here.",
    args: {
      datasetId: t.arg.id({ required: true }),
      runId: t.arg.id(),
      split: t.arg({ type: SplitEnum }),
      titleId: t.arg.id(),
      minScore: t.arg.float({ description: "Only decision values at or above this." }),
      maxScore: t.arg.float({ description: "Only decision values at or below this." }),
    },
    resolve: (_root, args, ctx) => listPredictions(ctx, args),
  }),
);

export const PredictionJobRef = builder.objectRef<Job>("PredictionJob").implement({
  description: "A run predicting every frame with a vector for its backbone; when asked, it then reorders the labelling queue.",
  interfaces: [WorkerJobRef],
  isTypeOf: (job) => isJobOfKind(job, "PREDICT"),
  fields: (t) => ({
    run: t.field({
      type: TrainingRunRef,
      nullable: true,
      resolve: async (job, _args, ctx) => {
        const id = jobParam(job, "runId");
        return id ? ((await loadRunViews(ctx.db, { id }))[0] ?? null) : null;
      },
    }),
    activeLearning: t.field({ type: ActiveLearningRef, nullable: true, description: "Queue order and label checks, for `suggestFrames` jobs.", resolve: (job) => activeLearningOf(job) }),
  }),
});

builder.queryField("predictionJob", (t) =>
  t.field({
    type: PredictionJobRef,
    description: "One prediction job (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getJob(ctx, "PREDICT", args.id),
  }),
);

builder.objectField(TrainingRunRef, "predictionJob", (t) =>
  t.field({
    type: PredictionJobRef,
    nullable: true,
    description: "The latest job that predicted frames with this run.",
    resolve: (run, _args, ctx) =>
      ctx.db.job.findFirst({ where: { kind: "PREDICT", datasetId: run.datasetId, params: { path: ["runId"], equals: run.id } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
);

builder.mutationField("suggestFrames", (t) =>
  t.field({
    type: PredictionJobRef,
    description:
      "Reorder a dataset's labelling queue with a run (reviewers and admins): uncertain, diverse frames first; TRAIN labels the run contradicts go to review. Runs as a prediction job.",
    errors: { types: [InputValidationError] },
    args: {
      datasetId: t.arg.id({ required: true }),
      runId: t.arg.id({ description: "Default: the published run, else the run the latest training selected." }),
      batchSize: t.arg.int({ description: "Frames to put first (default 100)." }),
      flagLabelErrors: t.arg.boolean({ description: "Also send contradicted TRAIN labels to review (default true)." }),
    },
    resolve: (_root, args, ctx) => suggestFrames(ctx, args),
  }),
);

const FrameSuggestionRef = builder.objectRef<FrameSuggestion>("FrameSuggestion").implement({
  description: "Why the labelling queue puts a frame where it does.",
  fields: (t) => ({
    priority: t.exposeFloat("priority", { description: "Above 1: in the active-learning batch (higher = sooner); (0, 1]: 1 / (1 + |decision value|); 0: not scored." }),
    inBatch: t.boolean({ description: "Picked for the batch: uncertain, and unlike the other picks.", resolve: (row) => row.priority > 1 }),
    decisionValue: t.exposeFloat("decisionValue", { nullable: true, description: "The scoring run's decision value (near 0 = uncertain)." }),
    runId: t.exposeID("runId", { nullable: true, description: "The run that last ordered the queue." }),
  }),
});

const perRequest = new WeakMap<GraphQLContext, DataLoader<string, FrameSuggestion | null>>();
function suggestionLoader(ctx: GraphQLContext) {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await loadFrameSuggestions(ctx.db, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    perRequest.set(ctx, loader);
  }
  return loader;
}

builder.objectField(FrameRef, "suggestion", (t) =>
  t.field({
    type: FrameSuggestionRef,
    nullable: true,
    description: "Why the queue ranks this frame where it does (reviewers and admins; FORBIDDEN for others, who label blind).",
    resolve: (frame, _args, ctx) => {
      if (ctx.viewer?.role !== "ADMIN" && ctx.viewer?.role !== "REVIEWER") throw forbidden("Only reviewers and admins see why a frame is suggested.");
      return suggestionLoader(ctx).load(frame.id);
    },
  }),
);

