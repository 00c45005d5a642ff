import { requireViewer } from "../../access.ts";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { ConflictError, InputValidationError } from "../../graphql/result-errors.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { BackboneJobRef } from "./schema/backbone-job.ts";
import { getBackboneJob } from "./service/get-backbone-job.ts";
import { getJob } from "./service/get-job.ts";
import { listBackboneJobs } from "./service/list-backbone-jobs.ts";
import { startCatalogDownload } from "./service/start-catalog-download.ts";
import { listBackbones } from "./service/list-backbones.ts";
import { listCatalogModels } from "./service/list-catalog-models.ts";
import { registerBackbone } from "./service/register-backbone.ts";
import { registerCatalogModel } from "./service/register-catalog-model.ts";
import { startExtraction } from "./service/start-extraction.ts";
import { BackboneRef, CatalogModelRef, ChannelOrderEnum, ExtractionJobRef, PoolingEnum } from "./schema/types.ts";

builder.queryField("backbones", (t) =>
  t.field({
    type: [BackboneRef],
    description: "Registered backbones (feature extractors), by name; signed-in users.",
    resolve: (_root, _args, ctx) => listBackbones(ctx),
  }),
);

builder.queryField("catalogModels", (t) =>
  t.field({
    type: [CatalogModelRef],
    description: "The paper's backbones from the ONNX model zoo, whether each is in this server's model cache, and how to get it there (admins).",
    resolve: (_root, _args, ctx) => listCatalogModels(ctx),
  }),
);

const RegisterBackboneInput = builder.inputType("RegisterBackboneInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    path: t.string({ required: true, description: "The ONNX file on the API server (and at the same path on workers); relative paths are under KAO_DATA_DIR." }),
    tap: t.string({ required: true, description: "Tensor whose pooled values are the features, or `before-last-pool` (the input of the last pooling layer before the classifier)." }),
    pooling: t.field({ type: PoolingEnum, description: "MAX (default, the paper) or AVG." }),
    width: t.int({ description: "Input width; read from the model when it is fixed there." }),
    height: t.int({ description: "Input height; read from the model when it is fixed there." }),
    channelOrder: t.field({ type: ChannelOrderEnum, description: "RGB (default) or BGR." }),
    scale: t.float({ description: "Pixel values (0–255) are multiplied by this first (default 1)." }),
    mean: t.floatList({ description: "Per-channel mean subtracted after scaling, in the model's channel order (default 0)." }),
    std: t.floatList({ description: "Per-channel divisor after the mean (default 1)." }),
  }),
});

builder.mutationField("registerBackbone", (t) =>
  t.field({
    type: BackboneRef,
    description: "Register an ONNX file on the server as a backbone (admins): it is opened, tapped and run once on a blank image first.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { input: t.arg({ type: RegisterBackboneInput, required: true }) },
    resolve: (_root, args, ctx) => registerBackbone(ctx, args.input),
  }),
);

builder.mutationField("registerCatalogModel", (t) =>
  t.field({
    type: BackboneRef,
    description: "Register a catalog model whose file is in the model cache, with the catalog's preprocessing and tap (admins).",
    errors: { types: [InputValidationError, ConflictError] },
    args: { key: t.arg.string({ required: true }), name: t.arg.string({ description: "Defaults to the catalog title." }) },
    resolve: (_root, args, ctx) => registerCatalogModel(ctx, args.key, args.name),
  }),
);

builder.mutationField("downloadCatalogModel", (t) =>
  t.field({
    type: BackboneJobRef,
    description:
      "Have a worker download a catalog model into the model cache (progress in bytes, sha256 checked) and register it with the catalog's preprocessing and tap (admins). Returns the running download of the same model if there is one; an offline server fails the job with where to copy the file instead.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { key: t.arg.string({ required: true }), name: t.arg.string({ description: "Defaults to the catalog title." }) },
    resolve: (_root, args, ctx) => startCatalogDownload(ctx, args.key, args.name),
  }),
);

builder.queryField("backboneJobs", (t) =>
  t.field({
    type: [BackboneJobRef],
    description: "The latest catalog downloads and Keras imports, newest first (admins).",
    args: { limit: t.arg.int({ description: "At most this many (default 20, at most 100)." }) },
    resolve: (_root, args, ctx) => listBackboneJobs(ctx, args.limit ?? 20),
  }),
);

builder.queryField("backboneJob", (t) =>
  t.field({
    type: BackboneJobRef,
    description: "One catalog download or Keras import (admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getBackboneJob(ctx, args.id),
  }),
);

const StartExtractionInput = builder.inputType("StartExtractionInput", {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    backboneId: t.id({ required: true }),
    batchSize: t.int({ description: "Images per inference call (default 8)." }),
  }),
});

builder.mutationField("startExtraction", (t) =>
  t.field({
    type: ExtractionJobRef,
    description: "Extract feature vectors of a dataset's frames that have none for a backbone (admins); returns the running job if there is one.",
    errors: { types: [InputValidationError] },
    args: { input: t.arg({ type: StartExtractionInput, required: true }) },
    resolve: (_root, args, ctx) => startExtraction(ctx, args.input),
  }),
);

builder.queryField("extractionJob", (t) =>
  t.field({
    type: ExtractionJobRef,
    description: "One extraction job (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getJob(ctx, "EXTRACT", args.id),
  }),
);

builder.objectField(DatasetRef, "extractions", (t) =>
  t.connection({
    type: ExtractionJobRef,
    description: "Feature extractions of this dataset, newest first.",
    resolve: (dataset, args, ctx) => {
      requireViewer(ctx);
      return prismaConnection(args, (page) =>
        ctx.db.job.findMany({ where: { datasetId: dataset.id, kind: "EXTRACT" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...page }),
      );
    },
  }),
);
