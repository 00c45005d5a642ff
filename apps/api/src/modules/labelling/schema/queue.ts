import type { Annotation, Frame } from "@kao/db";
import { builder } from "../../../graphql/builder.ts";
import { FrameRef } from "../../frames/schema.ts";
import { DEFAULT_LEASE_SECONDS } from "../service/contracts.ts";
import { nextFrames, type LabelTask } from "../service/next-frames.ts";
import { submitLabels, type RejectedDecision } from "../service/submit-labels.ts";
import { undoLabel } from "../service/undo-label.ts";
import { AnnotationRef, LabelEnum } from "./types.ts";

const LabelTaskRef = builder.objectRef<LabelTask>("LabelTask").implement({
  description: "A frame leased to the viewer for labelling.",
  fields: (t) => ({
    frame: t.field({ type: FrameRef, resolve: (task) => task.frame }),
    leaseExpiresAt: t.expose("leaseExpiresAt", { type: "DateTime", description: "After this, others may get the frame." }),
  }),
});

const RejectionCodeEnum = builder.enumType("RejectionCode", {
  description: "Why a labelling decision was not recorded.",
  values: {
    NOT_FOUND: { description: "No such frame in this dataset." },
    NO_CAPACITY: { description: "Enough people have labelled the frame (or hold it)." },
    CLOSED: { description: "The frame is in review or a reviewer decided it." },
    INVALID: { description: "The decision itself is not valid (id, rules, repeated frame)." },
  } as const,
});

const RejectedDecisionRef = builder.objectRef<RejectedDecision>("RejectedDecision").implement({
  description: "A decision that was not recorded, and why.",
  fields: (t) => ({
    frameId: t.exposeID("frameId"),
    code: t.expose("code", { type: RejectionCodeEnum }),
    message: t.exposeString("message", { description: "Why, for people." }),
  }),
});

const SubmitLabelsPayloadRef = builder.objectRef<{ accepted: Annotation[]; rejected: RejectedDecision[] }>("SubmitLabelsPayload").implement({
  description: "Each decision, recorded or rejected on its own.",
  fields: (t) => ({
    accepted: t.field({ type: [AnnotationRef], resolve: (payload) => payload.accepted }),
    rejected: t.field({ type: [RejectedDecisionRef], resolve: (payload) => payload.rejected }),
  }),
});

const UndoLabelPayloadRef = builder.objectRef<{ frame: Frame }>("UndoLabelPayload").implement({
  description: "The frame, OPEN again and leased back to the caller (unless a reviewer decided it).",
  fields: (t) => ({ frame: t.field({ type: FrameRef, resolve: (payload) => payload.frame }) }),
});

const LabelDecisionInput = builder.inputType("LabelDecisionInput", {
  description: "One labeller's decision on one frame.",
  fields: (t) => ({
    frameId: t.id({ required: true }),
    label: t.field({ type: LabelEnum, required: true }),
    rules: t.stringList({ defaultValue: [], description: "Names from the dataset's ruleNames that applied." }),
    durationMs: t.int({ description: "Time spent deciding; clamped to 0–600,000." }),
  }),
});

builder.queryField("nextFrames", (t) =>
  t.field({
    type: [LabelTaskRef],
    description: "Frames for the viewer to label next, leased to them.",
    args: {
      datasetId: t.arg.id({ required: true }),
      count: t.arg.int({ defaultValue: 10, description: "1–100." }),
      wholeScenes: t.arg.boolean({ defaultValue: false, description: "Also lease the other open frames of the chosen frames' scenes (grid mode)." }),
    },
    resolve: (_root, args, ctx) => nextFrames(ctx, args, { leaseSeconds: ctx.platform.leaseSeconds ?? DEFAULT_LEASE_SECONDS }),
  }),
);

builder.mutationField("submitLabels", (t) =>
  t.field({
    type: SubmitLabelsPayloadRef,
    description: "Record up to 200 labelling decisions; each is accepted or rejected on its own.",
    args: {
      datasetId: t.arg.id({ required: true }),
      decisions: t.arg({ type: [LabelDecisionInput], required: true }),
    },
    resolve: (_root, args, ctx) => submitLabels(ctx, args),
  }),
);

builder.mutationField("undoLabel", (t) =>
  t.field({
    type: UndoLabelPayloadRef,
    description: "Take back your label on a frame; it reopens and is leased back to you.",
    args: { frameId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ({
      frame: await undoLabel(ctx, args.frameId, { leaseSeconds: ctx.platform.leaseSeconds ?? DEFAULT_LEASE_SECONDS }),
    }),
  }),
);
