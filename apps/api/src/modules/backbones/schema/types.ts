import type { Backbone, Job } from "@kao/db";
import { builder } from "../../../graphql/builder.ts";
import type { CatalogEntry } from "../service/list-catalog-models.ts";
import { featureCoverage } from "../service/feature-coverage.ts";
import { WorkerJobRef, isJobOfKind, jobParam } from "./job.ts";

export const ChannelOrderEnum = builder.enumType("ChannelOrder", {
  description: "Channel order a backbone expects.",
  values: { RGB: { description: "Red, green, blue." }, BGR: { description: "Blue, green, red (Caffe-era models)." } } as const,
});

export const PoolingEnum = builder.enumType("Pooling", {
  description: "How a tapped feature map (C × H × W) becomes one vector of C numbers.",
  values: { MAX: { description: "Per-channel global maximum (the paper)." }, AVG: { description: "Per-channel global average." } } as const,
});

const FeatureCoverageRef = builder.objectRef<{ datasetId: string; vectors: number; frames: number }>("FeatureCoverage").implement({
  description: "How many of a dataset's frames have a feature vector for a backbone.",
  fields: (t) => ({
    vectors: t.exposeInt("vectors", { description: "Frames with a vector." }),
    frames: t.exposeInt("frames", { description: "Frames in the dataset." }),
    ratio: t.float({ description: "vectors / frames; 0 for an empty dataset.", resolve: (row) => (row.frames > 0 ? row.vectors / row.frames : 0) }),
  }),
});

export const BackboneRef = builder.objectRef<Backbone>("Backbone").implement({
  description: "A pretrained CNN cut at a tap layer, with the preprocessing it expects; its pooled tap is a frame's feature vector.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    modelPath: t.string({
      nullable: true,
      description: "The ONNX file on the server (relative paths are under KAO_DATA_DIR); admins only, null for others.",
      resolve: (backbone, _args, ctx) => (ctx.viewer?.role === "ADMIN" ? backbone.modelPath : null),
    }),
    sha256: t.exposeString("sha256", { description: "Checksum of the ONNX file; workers refuse a file that changed." }),
    dims: t.exposeInt("dims", { description: "Length of a feature vector (channels at the tap)." }),
    inputWidth: t.exposeInt("inputWidth"),
    inputHeight: t.exposeInt("inputHeight"),
    channelOrder: t.expose("channelOrder", { type: ChannelOrderEnum }),
    scale: t.exposeFloat("scale", { description: "Pixel values (0–255) are multiplied by this first." }),
    mean: t.exposeFloatList("mean", { description: "Subtracted per channel after scaling, in the model's channel order." }),
    std: t.exposeFloatList("std", { description: "Divides per channel after the mean." }),
    tapLayer: t.exposeString("tapLayer", { description: "The tensor whose pooled values are the features." }),
    pooling: t.expose("pooling", { type: PoolingEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    featureCoverage: t.field({
      type: FeatureCoverageRef,
      description: "Frames of a dataset with a vector for this backbone (members of the dataset and admins).",
      args: { datasetId: t.arg.id({ required: true }) },
      resolve: (backbone, args, ctx) => featureCoverage(ctx, backbone.id, args.datasetId),
    }),
  }),
});

export const CatalogModelRef = builder.objectRef<CatalogEntry>("CatalogModel").implement({
  description: "A backbone in the model catalog (the paper's, from the ONNX model zoo, plus KAO_MODEL_CATALOG's): downloadCatalogModel fetches it, or, offline, this says where to put the file.",
  fields: (t) => ({
    key: t.string({ resolve: (entry) => entry.model.key }),
    title: t.string({ resolve: (entry) => entry.model.title }),
    url: t.string({ description: "Where the zoo publishes the file.", resolve: (entry) => entry.model.url }),
    sizeBytes: t.int({ resolve: (entry) => entry.model.sizeBytes }),
    sha256: t.string({ resolve: (entry) => entry.model.sha256 }),
    dims: t.int({ description: "Length of its feature vectors.", resolve: (entry) => entry.model.dims }),
    licence: t.string({ resolve: (entry) => entry.model.licence }),
    cached: t.boolean({ description: "A file of the expected size is in the model cache.", resolve: (entry) => entry.cached }),
    cachePath: t.string({ description: "Where the file belongs on the server.", resolve: (entry) => entry.cachePath }),
    instructions: t.string({ description: "What to do next, e.g. where to copy the file when the server is offline.", resolve: (entry) => entry.instructions }),
  }),
});

export const ExtractionJobRef = builder.objectRef<Job>("ExtractionJob").implement({
  description: "Frames becoming feature vectors for one backbone. Frames that already have one are skipped.",
  interfaces: [WorkerJobRef],
  isTypeOf: (job) => isJobOfKind(job, "EXTRACT"),
  fields: (t) => ({
    backbone: t.field({
      type: BackboneRef,
      nullable: true,
      description: "Null if the backbone was removed since.",
      resolve: (job, _args, ctx) => {
        const id = jobParam(job, "backboneId");
        return id ? ctx.db.backbone.findUnique({ where: { id } }) : null;
      },
    }),
  }),
});
