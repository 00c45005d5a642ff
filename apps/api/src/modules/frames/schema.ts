import type { Frame, Title, Video } from "@kao/db";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { framesWhere } from "./service/frames-where.ts";
import { getFrame } from "./service/get-frame.ts";

export const TitleKindEnum = builder.enumType("TitleKind", {
  values: {
    TITLE: { description: "An anime title (series or film)." },
    ARTIST: { description: "An artist (illustrations)." },
  } as const,
});

export const SplitEnum = builder.enumType("Split", {
  values: {
    UNASSIGNED: { description: "Not in a split yet." },
    TRAIN: { description: "Used to fit models." },
    VAL: { description: "Used to select models." },
    TEST: { description: "Held out; same titles as training." },
    DISTINCT: { description: "Held out; titles never seen in training." },
  } as const,
});

const FrameLabelStateEnum = builder.enumType("FrameLabelState", {
  values: {
    UNLABELLED: { description: "Nobody has labelled it." },
    IN_PROGRESS: { description: "Some labels, no final label yet." },
    DONE: { description: "Has a final (consensus) label." },
  } as const,
});

export const TitleRef = builder.objectRef<Title>("Title").implement({
  description: "An anime title or an artist; the unit held out for the distinct test set.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: TitleKindEnum }),
    isDistinct: t.exposeBoolean("isDistinct"),
    frameCount: t.int({ resolve: (title, _args, ctx) => ctx.db.frame.count({ where: { titleId: title.id } }) }),
  }),
});

const VideoRef = builder.objectRef<Video>("Video").implement({
  description: "An uploaded video that frames were sampled from.",
  fields: (t) => ({
    id: t.exposeID("id"),
    fileName: t.exposeString("fileName"),
    episode: t.exposeString("episode", { nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
    sampleFps: t.exposeFloat("sampleFps"),
  }),
});

/** Image URLs are paths on the API (and, for browsers, on the web app, which proxies them). */
const imagePath = (frame: Frame, variant: "image" | "display" | "thumb") => `/frames/${frame.id}/${variant}`;

export const FrameRef = builder.objectRef<Frame>("Frame").implement({
  description: "One still: a sampled video frame or an imported image, stored as JPEG.",
  fields: (t) => ({
    id: t.exposeID("id"),
    sourceName: t.exposeString("sourceName", { description: "The file (or zip entry) it came from." }),
    timestampMs: t.exposeInt("timestampMs", { nullable: true, description: "Position in its video; null for images." }),
    width: t.exposeInt("width"),
    height: t.exposeInt("height"),
    sha256: t.exposeString("sha256", { description: "sha256 of the decoded pixels." }),
    sceneId: t.exposeID("sceneId", { nullable: true, description: "Frames of one scene are near-copies; splits keep them together." }),
    split: t.expose("split", { type: SplitEnum }),
    title: t.field({ type: TitleRef, resolve: (frame, _args, ctx) => ctx.loaders.titleById.load(frame.titleId) }),
    video: t.field({ type: VideoRef, nullable: true, resolve: (frame, _args, ctx) => (frame.videoId ? ctx.loaders.videoById.load(frame.videoId) : null) }),
    imageUrl: t.string({ description: "Full-size JPEG (path on the API; send your credentials).", resolve: (frame) => imagePath(frame, "image") }),
    displayUrl: t.string({ description: "JPEG fitting 1280×1280.", resolve: (frame) => imagePath(frame, "display") }),
    thumbnailUrl: t.string({ description: "JPEG fitting 320×320, for grids.", resolve: (frame) => imagePath(frame, "thumb") }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("frames", (t) =>
  t.connection({
    type: FrameRef,
    description: "A dataset's frames in title, video and time order, optionally filtered.",
    args: {
      datasetId: t.arg.id({ required: true }),
      titleId: t.arg.id(),
      videoId: t.arg.id(),
      sceneId: t.arg.id(),
      split: t.arg({ type: SplitEnum }),
      labelState: t.arg({ type: FrameLabelStateEnum }),
    },
    resolve: async (_root, args, ctx) => {
      const where = await framesWhere(ctx, args);
      return prismaConnection(args, (page) =>
        ctx.db.frame.findMany({
          where,
          orderBy: [{ titleId: "asc" }, { videoId: "asc" }, { timestampMs: "asc" }, { sourceName: "asc" }, { id: "asc" }],
          ...page,
        }),
      );
    },
  }),
);

builder.queryField("frame", (t) =>
  t.field({
    type: FrameRef,
    description: "One frame (members of its dataset and admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getFrame(ctx, args.id),
  }),
);

builder.objectField(DatasetRef, "titles", (t) =>
  t.field({
    type: [TitleRef],
    description: "Titles and artists in this dataset, by name.",
    resolve: (dataset, _args, ctx) => ctx.db.title.findMany({ where: { datasetId: dataset.id }, orderBy: { name: "asc" } }),
  }),
);
