import type { Job } from "@kao/db";
import { z } from "zod";
import { builder } from "../../../graphql/builder.ts";
import { BackboneRef } from "../../backbones/schema/types.ts";
import { WorkerJobRef, isJobOfKind, jobParam } from "../../backbones/schema/job.ts";
import { activeLearningResultSchema } from "../service/contracts.ts";
import type { ResultsRow } from "../service/results-table.ts";
import { loadRunViews, type RunView } from "../service/run-view.ts";
import { ActiveLearningRef, activeLearningOf } from "./active-learning.ts";
import { RunMetricsRef, SplitMetricsRef } from "./metrics.ts";

export const KernelEnum = builder.enumType("Kernel", {
  description: "SVM kernel families in the paper's grid.",
  values: { LINEAR: { description: "Linear kernel." }, RBF: { description: "Radial basis function." }, POLY: { description: "Polynomial (see `degree`)." } } as const,
});

export const TrainingRunRef = builder.objectRef<RunView>("TrainingRun").implement({
  description: "One SVM configuration trained on one backbone's features and one split version, with its metrics on every split.",
  fields: (t) => ({
    id: t.exposeID("id"),
    datasetId: t.exposeID("datasetId"),
    backbone: t.field({ type: BackboneRef, resolve: (run) => run.backbone }),
    splitVersionId: t.exposeID("splitVersionId", { nullable: true }),
    jobId: t.exposeID("jobId", { nullable: true, description: "The training job that made it." }),
    kernel: t.expose("kernel", { type: KernelEnum }),
    variant: t.string({ description: "The paper's row name: linear, rbf or poly-<degree>.", resolve: (run) => run.params?.variant ?? run.kernel.toLowerCase() }),
    C: t.float({ nullable: true, resolve: (run) => run.params?.C ?? null }),
    degree: t.int({ nullable: true, resolve: (run) => run.params?.degree ?? null }),
    gamma: t.float({ nullable: true, description: "Resolved gamma (scikit-learn's 'scale' on the training rows).", resolve: (run) => run.params?.gamma ?? null }),
    standardise: t.boolean({ nullable: true, resolve: (run) => run.params?.standardise ?? null }),
    classWeights: t.string({ nullable: true, description: "`balanced` or `none`.", resolve: (run) => run.params?.classWeights ?? null }),
    supportCount: t.int({ nullable: true, description: "Support vectors.", resolve: (run) => run.params?.supportCount ?? null }),
    metrics: t.field({ type: RunMetricsRef, nullable: true, resolve: (run) => run.metrics }),
    hasModel: t.exposeBoolean("hasModel", { description: "The model was kept (the best C of each kernel in its job): it can be published." }),
    selected: t.exposeBoolean("selected", { description: "Its job's grid picked it on VAL." }),
    published: t.boolean({ description: "The dataset's published model.", resolve: (run) => run.publishedAt !== null }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const ResultsRowRef = builder.objectRef<ResultsRow>("ResultsTableRow").implement({
  description: "One row of the paper's tables: a backbone × kernel, holding the kernel's best run on VAL.",
  fields: (t) => ({
    backbone: t.field({ type: BackboneRef, resolve: (row) => row.backbone }),
    kernel: t.exposeString("kernel", { description: "linear, rbf or poly-<degree>." }),
    run: t.field({ type: TrainingRunRef, resolve: (row) => row.run }),
    train: t.field({ type: SplitMetricsRef, nullable: true, description: "Table 1.", resolve: (row) => row.train }),
    val: t.field({ type: SplitMetricsRef, nullable: true, description: "Table 1.", resolve: (row) => row.val }),
    test: t.field({ type: SplitMetricsRef, nullable: true, description: "Table 1 (derivative test set).", resolve: (row) => row.test }),
    distinct: t.field({ type: SplitMetricsRef, nullable: true, description: "Table 2 (distinct titles).", resolve: (row) => row.distinct }),
  }),
});

export const TrainingResultsRef = builder.objectRef<{ runs: RunView[]; table: ResultsRow[] }>("TrainingResults").implement({
  description: "Training runs and the paper-style table built from them.",
  fields: (t) => ({
    runs: t.field({ type: [TrainingRunRef], resolve: (results) => results.runs }),
    table: t.field({ type: [ResultsRowRef], description: "Backbone × kernel rows; each kernel's best run on VAL.", resolve: (results) => results.table }),
  }),
});

const trainParams = z.object({ Cs: z.array(z.number()), kernels: z.array(z.object({ kernel: z.string(), degree: z.number().nullish() })), splitVersionId: z.string() });

export const TrainingJobRef = builder.objectRef<Job>("TrainingJob").implement({
  description: "The paper's grid on one backbone and one split version; each configuration becomes a TrainingRun.",
  interfaces: [WorkerJobRef],
  isTypeOf: (job) => isJobOfKind(job, "TRAIN"),
  fields: (t) => ({
    backbone: t.field({
      type: BackboneRef,
      nullable: true,
      resolve: (job, _args, ctx) => {
        const id = jobParam(job, "backboneId");
        return id ? ctx.db.backbone.findUnique({ where: { id } }) : null;
      },
    }),
    splitVersionId: t.id({ nullable: true, resolve: (job) => jobParam(job, "splitVersionId") }),
    Cs: t.floatList({ resolve: (job) => trainParams.safeParse(job.params).data?.Cs ?? [] }),
    kernels: t.stringList({
      description: "linear, rbf, poly-<degree>.",
      resolve: (job) => (trainParams.safeParse(job.params).data?.kernels ?? []).map((k) => (k.kernel === "POLY" ? `poly-${k.degree ?? ""}` : k.kernel.toLowerCase())),
    }),
    runs: t.field({ type: [TrainingRunRef], description: "Its runs, once the grid finished.", resolve: (job, _args, ctx) => loadRunViews(ctx.db, { jobId: job.id }) }),
    selectedRun: t.field({
      type: TrainingRunRef,
      nullable: true,
      description: "The run the grid picked on VAL.",
      resolve: async (job, _args, ctx) => {
        const id = activeLearningResultSchema.safeParse(job.result).data?.selectedRunId;
        return id ? ((await loadRunViews(ctx.db, { id, jobId: job.id }))[0] ?? null) : null;
      },
    }),
    activeLearning: t.field({ type: ActiveLearningRef, nullable: true, description: "Queue order and label checks done with the selected run.", resolve: (job) => activeLearningOf(job) }),
  }),
});
