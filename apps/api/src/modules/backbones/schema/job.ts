import type { Job } from "@kao/db";
import { z } from "zod";
import { builder } from "../../../graphql/builder.ts";
import { JobStatusEnum } from "../../imports/schema.ts";

const JobItemErrorRef = builder.objectRef<{ item: string; message: string }>("JobItemError").implement({
  description: "One item a job could not process (a frame, a file); the rest went on.",
  fields: (t) => ({
    item: t.exposeString("item", { description: "What failed, e.g. the frame's source file name." }),
    message: t.exposeString("message"),
  }),
});

const itemErrors = z.array(z.object({ item: z.string(), message: z.string() }));

/** The fields every worker job shows while it runs; extraction, training and prediction jobs add their own. */
export const WorkerJobRef = builder.interfaceRef<Job>("WorkerJob").implement({
  description: "Long work done by a worker: poll it for progress.",
  fields: (t) => ({
    id: t.exposeID("id"),
    datasetId: t.id({ resolve: (job) => job.datasetId ?? "" }),
    status: t.expose("status", { type: JobStatusEnum }),
    done: t.exposeInt("done", { description: "Units done (frames, or grid steps for training)." }),
    total: t.exposeInt("total", { description: "Units expected; 0 until the worker has counted them." }),
    failed: t.exposeInt("failed", { description: "Units that could not be processed." }),
    progress: t.float({ description: "done / total, 0 to 1.", resolve: (job) => (job.total > 0 ? Math.min(1, job.done / job.total) : job.status === "SUCCEEDED" ? 1 : 0) }),
    error: t.exposeString("error", { nullable: true, description: "Why the whole job failed, when it did." }),
    errors: t.field({ type: [JobItemErrorRef], description: "The last 100 items that failed.", resolve: (job) => itemErrors.safeParse(job.errors).data ?? [] }),
    cancelRequested: t.boolean({ resolve: (job) => job.cancelRequestedAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
  }),
});

/** For `isTypeOf`: Pothos hands it the untyped value. */
export const isJobOfKind = (value: unknown, kind: Job["kind"]) => typeof value === "object" && value !== null && "kind" in value && value.kind === kind;

/** A string param of a job (e.g. `backboneId`, `runId`), or null when the row holds none. */
export function jobParam(job: Job, key: string): string | null {
  const params = job.params;
  if (typeof params !== "object" || params === null || Array.isArray(params)) return null;
  const value = params[key];
  return typeof value === "string" ? value : null;
}
