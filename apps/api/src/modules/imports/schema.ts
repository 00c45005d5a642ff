import type { ImportItem, Job } from "@kao/db";
import { requireViewer } from "../../access.ts";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { InputValidationError } from "../../graphql/result-errors.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { TitleKindEnum } from "../frames/schema.ts";
import { cancelImport } from "./service/cancel-import.ts";
import { createImport } from "./service/create-import.ts";
import { getImport } from "./service/get-import.ts";

export const JobStatusEnum = builder.enumType("JobStatus", {
  values: {
    QUEUED: { description: "Waiting for a worker." },
    RUNNING: { description: "A worker is on it." },
    SUCCEEDED: { description: "Finished; some items may still have failed (see their errors)." },
    FAILED: { description: "Stopped by an error." },
    CANCELLED: { description: "Stopped by a user; work done before stays." },
  } as const,
});

const ImportItemKindEnum = builder.enumType("ImportItemKind", {
  values: {
    IMAGE: { description: "A still image (PNG, JPEG, WebP)." },
    VIDEO: { description: "A video, sampled at the import's rate." },
    ZIP: { description: "A zip of images." },
  } as const,
});

const ImportItemRef = builder.objectRef<ImportItem>("ImportItem").implement({
  description: "One file of an import, with its own outcome.",
  fields: (t) => ({
    id: t.exposeID("id"),
    fileName: t.exposeString("fileName"),
    kind: t.expose("kind", { type: ImportItemKindEnum }),
    status: t.expose("status", { type: JobStatusEnum }),
    framesAdded: t.exposeInt("framesAdded"),
    duplicates: t.exposeInt("duplicates", { description: "Frames skipped because the dataset already had the same pixels." }),
    failed: t.exposeInt("failed", { description: "Zip entries or frames that could not be imported." }),
    error: t.exposeString("error", { nullable: true, description: "Why the file (or some of its entries) failed." }),
  }),
});

interface JobParams {
  titleId?: string;
  episode?: string | null;
  sampleFps?: number;
}
const params = (job: Job) => (job.params ?? {}) as JobParams;

export const ImportJobRef = builder.objectRef<Job>("ImportJob").implement({
  description: "Files becoming frames: progress and per-file outcomes. Poll it while it runs.",
  fields: (t) => ({
    id: t.exposeID("id"),
    datasetId: t.id({ description: "The dataset the files are imported into.", resolve: (job) => job.datasetId ?? "" }),
    status: t.expose("status", { type: JobStatusEnum }),
    done: t.exposeInt("done", { description: "Units done: frames for videos, files or entries otherwise." }),
    total: t.exposeInt("total", { description: "Units expected; grows as videos are probed and zips opened." }),
    failed: t.exposeInt("failed"),
    progress: t.float({ description: "done / total, 0 to 1.", resolve: (job) => (job.total > 0 ? Math.min(1, job.done / job.total) : job.status === "SUCCEEDED" ? 1 : 0) }),
    error: t.exposeString("error", { nullable: true, description: "Why the whole job failed, when it did." }),
    sampleFps: t.float({ resolve: (job) => params(job).sampleFps ?? 1 }),
    episode: t.string({ nullable: true, resolve: (job) => params(job).episode ?? null }),
    title: t.string({
      nullable: true,
      resolve: async (job, _args, ctx) => {
        const id = params(job).titleId;
        return id ? ((await ctx.db.title.findUnique({ where: { id }, select: { name: true } }))?.name ?? null) : null;
      },
    }),
    items: t.field({
      type: [ImportItemRef],
      resolve: (job, _args, ctx) => ctx.db.importItem.findMany({ where: { jobId: job.id }, orderBy: [{ createdAt: "asc" }, { fileName: "asc" }] }),
    }),
    framesAdded: t.int({ resolve: async (job, _args, ctx) => (await ctx.db.importItem.aggregate({ where: { jobId: job.id }, _sum: { framesAdded: true } }))._sum.framesAdded ?? 0 }),
    duplicates: t.int({ resolve: async (job, _args, ctx) => (await ctx.db.importItem.aggregate({ where: { jobId: job.id }, _sum: { duplicates: true } }))._sum.duplicates ?? 0 }),
    cancelRequested: t.boolean({ resolve: (job) => job.cancelRequestedAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.objectField(DatasetRef, "imports", (t) =>
  t.connection({
    type: ImportJobRef,
    description: "Imports into this dataset, newest first.",
    resolve: (dataset, args, ctx) =>
      prismaConnection(args, (page) =>
        ctx.db.job.findMany({ where: { datasetId: dataset.id, kind: "IMPORT" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...page }),
      ),
  }),
);

builder.queryField("importJob", (t) =>
  t.field({
    type: ImportJobRef,
    description: "One import job (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      requireViewer(ctx);
      return getImport(ctx, args.id);
    },
  }),
);

const CreateImportInput = builder.inputType("CreateImportInput", {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    title: t.string({ required: true, description: "Anime title (or artist) the files belong to; created if new." }),
    titleKind: t.field({ type: TitleKindEnum, description: "TITLE (default) or ARTIST." }),
    episode: t.string(),
    sampleFps: t.float({ description: "Frames sampled per second of video (default 1, as the paper)." }),
    uploadIds: t.idList({ required: true, description: "Ids returned by `POST /uploads?datasetId=…`." }),
  }),
});

builder.mutationField("createImport", (t) =>
  t.field({
    type: ImportJobRef,
    description: "Import uploaded files into a dataset (admin only). Returns at once; the worker does the work.",
    errors: { types: [InputValidationError] },
    args: { input: t.arg({ type: CreateImportInput, required: true }) },
    resolve: (_root, args, ctx) => createImport(ctx, args.input),
  }),
);

builder.mutationField("cancelImport", (t) =>
  t.field({
    type: ImportJobRef,
    description: "Stop an import (admin only); frames imported so far stay.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => cancelImport(ctx, args.id),
  }),
);

