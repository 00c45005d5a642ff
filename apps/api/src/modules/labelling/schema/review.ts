import type { Frame } from "@kao/db";
import { builder } from "../../../graphql/builder.ts";
import { FrameRef } from "../../frames/schema.ts";
import { UserRef } from "../../users/schema.ts";
import { adjudicate } from "../service/adjudicate.ts";
import { frameHistory, type FrameHistoryEntry } from "../service/frame-history.ts";
import { reviewQueue } from "../service/review-queue.ts";
import { LabelEnum } from "./types.ts";

const FrameHistoryEntryRef = builder.objectRef<FrameHistoryEntry>("FrameHistoryEntry").implement({
  description: "A label, an undo or an adjudication of a frame.",
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime" }),
    actor: t.field({ type: UserRef, nullable: true, resolve: (entry, _args, ctx) => (entry.actorId ? ctx.loaders.userById.load(entry.actorId) : null) }),
    kind: t.exposeString("kind", { description: "LABEL, UNDO or ADJUDICATE." }),
    label: t.expose("label", { type: LabelEnum, nullable: true, description: "null for an undo." }),
    rules: t.exposeStringList("rules"),
    note: t.exposeString("note", { nullable: true, description: "The reviewer's note of an adjudication." }),
  }),
});

const AdjudicatePayloadRef = builder.objectRef<{ frame: Frame }>("AdjudicatePayload").implement({
  description: "The frame, DONE with the reviewer's label as its consensus.",
  fields: (t) => ({ frame: t.field({ type: FrameRef, resolve: (payload) => payload.frame }) }),
});

builder.queryField("reviewQueue", (t) =>
  t.connection(
    {
      type: FrameRef,
      description: "Frames waiting for adjudication, oldest first (REVIEWER/ADMIN).",
      args: { datasetId: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => reviewQueue(ctx, args.datasetId, args),
    },
    { name: "FrameConnection" },
    { name: "FrameEdge" },
  ),
);

builder.queryField("frameHistory", (t) =>
  t.field({
    type: [FrameHistoryEntryRef],
    description: "Annotation revisions and adjudications of a frame, oldest first.",
    args: { frameId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => frameHistory(ctx, args.frameId),
  }),
);

builder.mutationField("adjudicate", (t) =>
  t.field({
    type: AdjudicatePayloadRef,
    description: "Decide a frame's final label (REVIEWER/ADMIN); also overrides a DONE frame.",
    args: { frameId: t.arg.id({ required: true }), label: t.arg({ type: LabelEnum, required: true }), note: t.arg.string() },
    resolve: async (_root, args, ctx) => ({ frame: await adjudicate(ctx, args) }),
  }),
);
