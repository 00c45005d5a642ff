import type { SplitVersion } from "@kao/db";
import { builder } from "../../../graphql/builder.ts";
import { DatasetRef } from "../../datasets/schema.ts";
import { SplitEnum, TitleRef } from "../../frames/schema.ts";
import { UserRef } from "../../users/schema.ts";
import { ratiosOf } from "../service/contracts.ts";
import type { SplitCount } from "../service/load-split-stats.ts";
import type { SplitRatios } from "../service/splitter/ratios.ts";
import { splitLoaders } from "./loaders.ts";

export const SplitRatiosRef = builder.objectRef<SplitRatios>("SplitRatios").implement({
  description: "Shares of the non-distinct frames in training, validation and the derivative test set; they sum to 1.",
  fields: (t) => ({
    train: t.exposeFloat("train"),
    val: t.exposeFloat("val"),
    test: t.exposeFloat("test"),
  }),
});

export const SplitCountRef = builder.objectRef<SplitCount>("SplitCount").implement({
  description: "Frames of one split and their label balance, by each frame's current consensus.",
  fields: (t) => ({
    split: t.expose("split", { type: SplitEnum }),
    frames: t.exposeInt("frames"),
    face: t.exposeInt("face", { description: "Frames whose consensus is FACE." }),
    noFace: t.exposeInt("noFace", { description: "Frames whose consensus is NO_FACE." }),
    unlabelled: t.exposeInt("unlabelled", { description: "Frames whose consensus was withdrawn or became UNSURE since they were assigned; exports leave them out." }),
    faceShare: t.float({
      nullable: true,
      description: "face / (face + noFace); null for a split without labelled frames.",
      resolve: (count) => (count.face + count.noFace > 0 ? count.face / (count.face + count.noFace) : null),
    }),
  }),
});

export const TitleSplitCountsRef = builder.objectRef<{ titleId: string; splits: SplitCount[] }>("TitleSplitCounts").implement({
  description: "How one title's frames are spread over the splits.",
  fields: (t) => ({
    title: t.field({ type: TitleRef, resolve: (row, _args, ctx) => ctx.loaders.titleById.load(row.titleId) }),
    splits: t.field({ type: [SplitCountRef], resolve: (row) => row.splits }),
  }),
});

const SplitExportUrlsRef = builder.objectRef<SplitVersion>("SplitExportUrls").implement({
  description: "Downloads of a split version's labels: paths on the API, for ADMINs and REVIEWERs (send your credentials).",
  fields: (t) => ({
    csv: t.string({ description: "RFC 4180 CSV, one frame per line.", resolve: (version) => `/exports/${version.id}.csv` }),
    jsonl: t.string({ description: "JSON Lines, one frame per line.", resolve: (version) => `/exports/${version.id}.jsonl` }),
    zip: t.string({ description: "An ImageNet-style tree `split/label/<sha256>.jpg` with `labels.csv`.", resolve: (version) => `/exports/${version.id}.zip` }),
  }),
});

export const SplitVersionRef = builder.objectRef<SplitVersion>("SplitVersion").implement({
  description:
    "A named split of a dataset's labelled frames into TRAIN / VAL / TEST (whole scenes, balanced per title and label) and DISTINCT (held-out titles). Once locked it never changes.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    seed: t.exposeInt("seed", { description: "The same seed and labelled frames give the same split." }),
    ratios: t.field({ type: SplitRatiosRef, resolve: (version) => ratiosOf(version.params) }),
    locked: t.boolean({ resolve: (version) => version.lockedAt !== null }),
    lockedAt: t.expose("lockedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    createdBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (version, _args, ctx) => (version.createdById ? splitLoaders(ctx).userById.load(version.createdById) : null),
    }),
    dataset: t.field({ type: DatasetRef, resolve: (version, _args, ctx) => ctx.db.dataset.findUniqueOrThrow({ where: { id: version.datasetId } }) }),
    current: t.boolean({
      description: "The dataset's newest version, which Frame.split mirrors.",
      resolve: async (version, _args, ctx) => (await splitLoaders(ctx).currentByDataset.load(version.datasetId)) === version.id,
    }),
    frameCount: t.int({ description: "Frames assigned.", resolve: async (version, _args, ctx) => (await splitLoaders(ctx).stats.load(version.id)).frames }),
    splits: t.field({
      type: [SplitCountRef],
      description: "Per split (TRAIN, VAL, TEST, DISTINCT): frames and label balance.",
      resolve: async (version, _args, ctx) => (await splitLoaders(ctx).stats.load(version.id)).splits,
    }),
    titles: t.field({
      type: [TitleSplitCountsRef],
      description: "Per title: its frames in each split.",
      resolve: async (version, _args, ctx) => (await splitLoaders(ctx).stats.load(version.id)).titles,
    }),
    pendingCount: t.int({
      description: "Frames labelled FACE or NO_FACE that this version has not assigned yet (appendToSplit takes them).",
      resolve: (version, _args, ctx) => splitLoaders(ctx).pending.load(version.id),
    }),
    staleCount: t.int({
      description: "Frames whose split contradicts their title's distinct flag (changed since): resplit before appending.",
      resolve: (version, _args, ctx) => splitLoaders(ctx).stale.load(version.id),
    }),
    exportUrls: t.field({ type: SplitExportUrlsRef, resolve: (version) => version }),
  }),
});
