import type { Db, Frame, Job } from "@kao/db";
import { z } from "zod";
import { forbidden } from "../../../errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { FrameRef } from "../../frames/schema.ts";
import { LabelEnum } from "../../labelling/schema/types.ts";
import { activeLearningResultSchema } from "../service/contracts.ts";

// What a run did for labelling, shown on training and prediction jobs. Which frames a model found
// uncertain or mislabelled is for reviewers and admins: labellers label blind.

const LabelSuspectRef = builder.objectRef<{ frame: Frame; label: "FACE" | "NO_FACE"; decisionValue: number }>("LabelSuspect").implement({
  description: "A TRAIN frame whose consensus label cross-validation contradicts beyond the margin; sent to review.",
  fields: (t) => ({
    frame: t.field({ type: FrameRef, resolve: (row) => row.frame }),
    label: t.expose("label", { type: LabelEnum, description: "The consensus label in question." }),
    decisionValue: t.exposeFloat("decisionValue", { description: "Out-of-fold decision value (positive = FACE)." }),
  }),
});

type Outcome = z.infer<typeof activeLearningResultSchema>;

async function framesInOrder(job: Job, ids: readonly string[], ctx: { db: Db }) {
  const frames = new Map((await ctx.db.frame.findMany({ where: { id: { in: [...ids] }, datasetId: job.datasetId ?? "" } })).map((frame) => [frame.id, frame]));
  return ids.flatMap((id) => frames.get(id) ?? []);
}

const reviewOnly = (role: string | undefined) => {
  if (role !== "ADMIN" && role !== "REVIEWER") throw forbidden("Only reviewers and admins see what the model made of frames.");
};

export const ActiveLearningRef = builder.objectRef<{ job: Job; outcome: Outcome }>("ActiveLearning").implement({
  description: "What a run did for labelling: the frames put first in the queue and the labels sent to review.",
  fields: (t) => ({
    runId: t.id({ nullable: true, description: "The run that scored the frames.", resolve: ({ outcome }) => outcome.suggestions?.runId ?? null }),
    candidates: t.int({ description: "Unlabelled frames scored (never frames of distinct titles or the TEST split).", resolve: ({ outcome }) => outcome.suggestions?.candidates ?? 0 }),
    batch: t.field({
      type: [FrameRef],
      description: "The diverse batch of uncertain frames, in queue order (reviewers and admins).",
      resolve: ({ job, outcome }, _args, ctx) => {
        reviewOnly(ctx.viewer?.role);
        return framesInOrder(job, outcome.suggestions?.batch ?? [], ctx);
      },
    }),
    labelSuspects: t.field({
      type: [LabelSuspectRef],
      description: "TRAIN labels sent to review as likely errors (reviewers and admins).",
      resolve: async ({ job, outcome }, _args, ctx) => {
        reviewOnly(ctx.viewer?.role);
        const frames = await framesInOrder(job, outcome.labelSuspects.map((suspect) => suspect.frameId), ctx);
        const byId = new Map(frames.map((frame) => [frame.id, frame]));
        return outcome.labelSuspects.flatMap((suspect) => {
          const frame = byId.get(suspect.frameId);
          return frame ? [{ frame, label: suspect.label, decisionValue: suspect.decisionValue }] : [];
        });
      },
    }),
    error: t.string({ nullable: true, description: "Why active learning stopped, if it did (the job's main work still counts).", resolve: ({ outcome }) => outcome.activeLearningError ?? null }),
  }),
});

/** The active-learning part of a finished job's result, or null. */
export function activeLearningOf(job: Job) {
  const outcome = activeLearningResultSchema.safeParse(job.result).data;
  return outcome && (outcome.suggestions || outcome.labelSuspects.length || outcome.activeLearningError) ? { job, outcome } : null;
}
