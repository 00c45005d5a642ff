import { requireViewer } from "../../access.ts";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { ConflictError, InputValidationError } from "../../graphql/result-errors.ts";
import { getJob } from "../backbones/service/get-job.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { getTrainingRun } from "./service/get-training-run.ts";
import { listTrainingRuns } from "./service/list-training-runs.ts";
import { publishRun } from "./service/publish-run.ts";
import { startTraining } from "./service/start-training.ts";
import { KernelEnum, TrainingJobRef, TrainingResultsRef, TrainingRunRef } from "./schema/types.ts";

const KernelChoiceInput = builder.inputType("KernelChoiceInput", {
  fields: (t) => ({
    kernel: t.field({ type: KernelEnum, required: true }),
    degree: t.int({ description: "For POLY: the polynomial's degree." }),
  }),
});

const StartTrainingInput = builder.inputType("StartTrainingInput", {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    backboneId: t.id({ required: true, description: "Whose feature vectors to train on (extract them first)." }),
    splitVersionId: t.id({ required: true, description: "TRAIN fits, VAL selects; TEST and DISTINCT are only evaluated." }),
    kernels: t.field({ type: [KernelChoiceInput], description: "Default: the paper's (linear, RBF, polynomials of degree 2–6, 10, 20)." }),
    Cs: t.floatList({ required: true, description: "Values of C to try with every kernel, e.g. [0.01, 0.1, 1, 10, 100]." }),
    standardise: t.boolean({ description: "Standardise features on TRAIN (default false; it usually hurt on pooled CNN features)." }),
    classWeights: t.string({ description: "`balanced` (default) or `none`." }),
    suggestBatchSize: t.int({ description: "Frames the selected run puts first in the labelling queue (default 100; 0 leaves the queue alone)." }),
    flagLabelErrors: t.boolean({ description: "Send TRAIN labels that cross-validation contradicts to review (default true)." }),
  }),
});

builder.mutationField("startTraining", (t) =>
  t.field({
    type: TrainingJobRef,
    description: "Train the SVM grid on a backbone's features and a split version (admins); a worker runs it.",
    errors: { types: [InputValidationError] },
    args: { input: t.arg({ type: StartTrainingInput, required: true }) },
    resolve: (_root, args, ctx) => startTraining(ctx, args.input),
  }),
);

builder.queryField("trainingJob", (t) =>
  t.field({
    type: TrainingJobRef,
    description: "One training job, with its runs once finished (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getJob(ctx, "TRAIN", args.id),
  }),
);

builder.objectField(DatasetRef, "trainingJobs", (t) =>
  t.connection({
    type: TrainingJobRef,
    description: "Training jobs of this dataset, newest first.",
    resolve: (dataset, args, ctx) => {
      requireViewer(ctx);
      return prismaConnection(args, (page) =>
        ctx.db.job.findMany({ where: { datasetId: dataset.id, kind: "TRAIN" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...page }),
      );
    },
  }),
);

builder.queryField("trainingRuns", (t) =>
  t.field({
    type: TrainingResultsRef,
    description: "A dataset's training runs (or one job's) with metrics per split, and the paper's Table 1 (train/val/test) and Table 2 (distinct) as rows.",
    args: { datasetId: t.arg.id({ required: true }), jobId: t.arg.id() },
    resolve: (_root, args, ctx) => listTrainingRuns(ctx, args),
  }),
);

builder.queryField("trainingRun", (t) =>
  t.field({
    type: TrainingRunRef,
    description: "One training run (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getTrainingRun(ctx, args.id),
  }),
);

builder.mutationField("publishRun", (t) =>
  t.field({
    type: TrainingRunRef,
    description:
      "Make a run its dataset's published model (admins); unpublishes the previous one and predicts every frame with it. Concurrent publishes of one dataset take turns; the last stays published.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { runId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => publishRun(ctx, args.runId),
  }),
);
