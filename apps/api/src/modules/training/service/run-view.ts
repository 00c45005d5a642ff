import type { Backbone, Db, Prisma, TrainingRun } from "@kao/db";
import { activeLearningResultSchema, runMetricsSchema, runParamsSchema, type RunMetrics, type RunParams } from "./contracts.ts";

/** A training run as the API shows it: parsed params and metrics, and never its (megabytes of) model bytes. */
export type RunView = Omit<TrainingRun, "model" | "params" | "metrics"> & {
  params: RunParams | null;
  metrics: RunMetrics | null;
  backbone: Backbone;
  /** The run kept its model: it can be published and predict. */
  hasModel: boolean;
  /** Its job's grid picked it on VAL. */
  selected: boolean;
};

/** Runs matching `where`, as views, oldest job first, then by kernel and C as the grid ran them. */
export async function loadRunViews(db: Db, where: Prisma.TrainingRunWhereInput): Promise<RunView[]> {
  const [runs, withModel] = await Promise.all([
    db.trainingRun.findMany({ where, omit: { model: true }, include: { backbone: true, job: { select: { result: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.trainingRun.findMany({ where: { AND: [where, { model: { not: null } }] }, select: { id: true } }),
  ]);
  const hasModel = new Set(withModel.map((run) => run.id));
  const views = runs.map(({ job, params, metrics, ...run }) => ({
    ...run,
    params: runParamsSchema.safeParse(params).data ?? null,
    metrics: runMetricsSchema.safeParse(metrics).data ?? null,
    hasModel: hasModel.has(run.id),
    selected: activeLearningResultSchema.safeParse(job?.result).data?.selectedRunId === run.id,
  }));
  // A job writes its runs at one instant; within it, the grid's order: kernel, then C.
  return views.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareKernels(a, b) || (a.params?.C ?? 0) - (b.params?.C ?? 0) || a.id.localeCompare(b.id));
}

/** Linear, then polynomials by degree, then RBF: the grid's order of kernel complexity. */
export function compareKernels(a: Pick<RunView, "kernel" | "params">, b: Pick<RunView, "kernel" | "params">): number {
  const rank = (run: Pick<RunView, "kernel" | "params">) => (run.kernel === "LINEAR" ? 0 : run.kernel === "POLY" ? (run.params?.degree ?? 1) : 1000);
  return rank(a) - rank(b);
}
