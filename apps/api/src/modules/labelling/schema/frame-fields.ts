import { forbidden } from "../../../errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { FrameRef } from "../../frames/schema.ts";
import { REVIEW_ROLES } from "../service/require-labeller.ts";
import { AnnotationRef, ConsensusRef, LabelStatusEnum } from "./types.ts";

// Labelling fields of Frame. Per-frame lookups go through the request's loaders, so a page of 50
// frames costs one annotation query and one consensus query, not 100.
builder.objectFields(FrameRef, (t) => ({
  labelStatus: t.expose("labelStatus", { type: LabelStatusEnum }),
  labelCount: t.exposeInt("labelCount", { description: "How many people labelled it." }),
  myAnnotation: t.field({
    type: AnnotationRef,
    nullable: true,
    description: "The viewer's own label; null if none.",
    resolve: async (frame, _args, ctx) => {
      const userId = ctx.viewer?.id;
      if (!userId) return null;
      return (await ctx.loaders.annotationsByFrame.load(frame.id)).find((annotation) => annotation.userId === userId) ?? null;
    },
  }),
  consensus: t.field({
    type: ConsensusRef,
    nullable: true,
    description: "The final label; null until the frame is DONE.",
    resolve: (frame, _args, ctx) => ctx.loaders.consensusByFrame.load(frame.id),
  }),
  annotations: t.field({
    type: [AnnotationRef],
    description: "Everyone's labels, oldest first (reviewers and admins; FORBIDDEN for others).",
    resolve: (frame, _args, ctx) => {
      if (!ctx.viewer || !REVIEW_ROLES.includes(ctx.viewer.role)) throw forbidden("Only reviewers and admins see other people's labels.");
      return ctx.loaders.annotationsByFrame.load(frame.id);
    },
  }),
}));
