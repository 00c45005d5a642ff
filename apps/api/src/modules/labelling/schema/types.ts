import type { Annotation, Consensus } from "@kao/db";
import { builder } from "../../../graphql/builder.ts";
import { UserRef } from "../../users/schema.ts";

export const LabelEnum = builder.enumType("Label", {
  description: "A labeller's decision on one frame.",
  values: {
    FACE: { description: "At least one face by the dataset's face rules." },
    NO_FACE: { description: "No face by the dataset's face rules." },
    UNSURE: { description: "The labeller could not decide; sends the frame to review." },
  } as const,
});

export const LabelStatusEnum = builder.enumType("LabelStatus", {
  description: "Where a frame stands in labelling; the queue only hands out OPEN frames.",
  values: {
    OPEN: { description: "Needs more labels (fewer than the dataset's overlap)." },
    REVIEW: { description: "Labelled by enough people, who disagreed or were unsure: waits for a reviewer." },
    DONE: { description: "Has a consensus label." },
  } as const,
});

export const ConsensusMethodEnum = builder.enumType("ConsensusMethod", {
  description: "How a frame's final label was reached.",
  values: {
    UNANIMOUS: { description: "Every labeller agreed." },
    MAJORITY: { description: "More than half agreed, none unsure." },
    ADJUDICATED: { description: "A reviewer decided." },
  } as const,
});

export const AnnotationRef = builder.objectRef<Annotation>("Annotation").implement({
  description: "One labeller's current decision on one frame.",
  fields: (t) => ({
    id: t.exposeID("id"),
    frameId: t.exposeID("frameId"),
    user: t.field({ type: UserRef, resolve: (annotation, _args, ctx) => ctx.loaders.userById.load(annotation.userId) }),
    label: t.expose("label", { type: LabelEnum }),
    rules: t.exposeStringList("rules", { description: "Names of the dataset's face rules the labeller ticked." }),
    durationMs: t.exposeInt("durationMs", { nullable: true, description: "Time spent on the decision (clamped to 10 min)." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

export const ConsensusRef = builder.objectRef<Consensus>("Consensus").implement({
  description: "A frame's final label, the one splits, training and exports use.",
  fields: (t) => ({
    label: t.expose("label", { type: LabelEnum }),
    method: t.expose("method", { type: ConsensusMethodEnum }),
    adjudicatedBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (consensus, _args, ctx) => (consensus.adjudicatedById ? ctx.loaders.userById.load(consensus.adjudicatedById) : null),
    }),
    note: t.exposeString("note", { nullable: true, description: "The reviewer's reason, if any." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
