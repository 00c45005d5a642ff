// GraphQL types and fields of the agreement module (see docs/labelling.md): agreement between
// labellers, and labelling progress of a dataset.
import { builder } from "../../graphql/builder.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { TitleRef } from "../frames/schema.ts";
import { UserRef } from "../users/schema.ts";
import { getAgreement, type Agreement } from "./service/get-agreement.ts";
import { getDatasetProgress, type DatasetProgress } from "./service/get-dataset-progress.ts";

const figureFields = {
  percentAgreement: "Mean over frames of the share of pairs of labels that agree; null without frames.",
  fleissKappa: "Fleiss' κ (rater count may vary per frame); null without frames or when one label was used throughout.",
  krippendorffAlpha: "Krippendorff's α for nominal labels; null without frames or when one label was used throughout.",
} as const;

const PairAgreementRef = builder.objectRef<Agreement["pairs"][number]>("PairAgreement").implement({
  description: "Agreement of two labellers on the frames both labelled.",
  fields: (t) => ({
    a: t.field({ type: UserRef, resolve: (pair) => pair.a }),
    b: t.field({ type: UserRef, resolve: (pair) => pair.b }),
    frames: t.exposeInt("frames", { description: "Frames both labelled." }),
    cohenKappa: t.exposeFloat("cohenKappa", { nullable: true, description: "Cohen's κ; null when both used one and the same label throughout." }),
    percentAgreement: t.exposeFloat("percentAgreement", { nullable: true, description: "Share of shared frames they gave the same label." }),
  }),
});

const TitleAgreementRef = builder.objectRef<Agreement["byTitle"][number]>("TitleAgreement").implement({
  description: "Agreement on one title's frames.",
  fields: (t) => ({
    title: t.field({ type: TitleRef, resolve: (row) => row.title }),
    frames: t.exposeInt("frames", { description: "Frames of this title with two or more labels." }),
    fleissKappa: t.exposeFloat("fleissKappa", { nullable: true, description: figureFields.fleissKappa }),
    krippendorffAlpha: t.exposeFloat("krippendorffAlpha", { nullable: true, description: figureFields.krippendorffAlpha }),
    percentAgreement: t.exposeFloat("percentAgreement", { nullable: true, description: figureFields.percentAgreement }),
  }),
});

const LabellerAgreementRef = builder.objectRef<Agreement["byLabeller"][number]>("LabellerAgreement").implement({
  description: "How one labeller agrees with everyone else.",
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (row) => row.user }),
    frames: t.exposeInt("frames", { description: "Frames they labelled that someone else labelled too." }),
    percentAgreement: t.exposeFloat("percentAgreement", {
      nullable: true,
      description: "Of all comparisons of their label with another labeller's on the same frame, the share that matched.",
    }),
    meanCohenKappa: t.exposeFloat("meanCohenKappa", { nullable: true, description: "Mean of their pairwise Cohen's κ (pairs where κ is defined)." }),
  }),
});

const AgreementRef = builder.objectRef<Agreement>("Agreement").implement({
  description: "Agreement between labellers over frames with two or more labels; FACE, NO_FACE and UNSURE are nominal categories.",
  fields: (t) => ({
    frames: t.exposeInt("frames", { description: "Frames with two or more labels, the ones the figures are computed on." }),
    percentAgreement: t.exposeFloat("percentAgreement", { nullable: true, description: figureFields.percentAgreement }),
    fleissKappa: t.exposeFloat("fleissKappa", { nullable: true, description: figureFields.fleissKappa }),
    krippendorffAlpha: t.exposeFloat("krippendorffAlpha", { nullable: true, description: figureFields.krippendorffAlpha }),
    pairs: t.field({
      type: [PairAgreementRef],
      description: "Every pair of labellers with a shared frame (REVIEWER/ADMIN; empty for others).",
      resolve: (agreement) => agreement.pairs,
    }),
    byTitle: t.field({ type: [TitleAgreementRef], description: "Per title, by name.", resolve: (agreement) => agreement.byTitle }),
    byLabeller: t.field({
      type: [LabellerAgreementRef],
      description: "Each labeller against everyone else (REVIEWER/ADMIN; empty for others).",
      resolve: (agreement) => agreement.byLabeller,
    }),
  }),
});

builder.queryField("agreement", (t) =>
  t.field({
    type: AgreementRef,
    description: "Agreement between labellers of a dataset.",
    args: { datasetId: t.arg.id({ required: true }), titleId: t.arg.id({ description: "Only this title's frames." }) },
    resolve: (_root, args, ctx) => getAgreement(ctx, args.datasetId, args.titleId),
  }),
);

const TitleProgressRef = builder.objectRef<DatasetProgress["byTitle"][number]>("TitleProgress").implement({
  description: "Labelling progress of one title's frames.",
  fields: (t) => ({
    title: t.field({ type: TitleRef, resolve: (row) => row.title }),
    frames: t.exposeInt("frames"),
    open: t.exposeInt("open", { description: "Frames that need more labels." }),
    inReview: t.exposeInt("inReview", { description: "Frames waiting for a reviewer." }),
    done: t.exposeInt("done", { description: "Frames with a consensus label." }),
    labelled: t.exposeInt("labelled", { description: "Frames with at least one label." }),
  }),
});

const LabellerProgressRef = builder.objectRef<DatasetProgress["byLabeller"][number]>("LabellerProgress").implement({
  description: "One labeller's decisions in a dataset.",
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (row) => row.user }),
    decisions: t.exposeInt("decisions", { description: "Their current labels in this dataset." }),
    decisionsPerHour: t.exposeFloat("decisionsPerHour", {
      nullable: true,
      description: "Timed decisions per hour of their durations, each counted up to 60 s; null without durations.",
    }),
    lastDecisionAt: t.expose("lastDecisionAt", { type: "DateTime", nullable: true }),
  }),
});

const DatasetProgressRef = builder.objectRef<DatasetProgress>("DatasetProgress").implement({
  description: "How far labelling of a dataset has got.",
  fields: (t) => ({
    frames: t.exposeInt("frames"),
    open: t.exposeInt("open", { description: "Frames that need more labels." }),
    inReview: t.exposeInt("inReview", { description: "Frames waiting for a reviewer." }),
    done: t.exposeInt("done", { description: "Frames with a consensus label." }),
    labelled: t.exposeInt("labelled", { description: "Frames with at least one label." }),
    myDecisions: t.exposeInt("myDecisions", { description: "The viewer's own labels in this dataset." }),
    byTitle: t.field({ type: [TitleProgressRef], description: "Per title, by name.", resolve: (progress) => progress.byTitle }),
    byLabeller: t.field({
      type: [LabellerProgressRef],
      description: "Per labeller, busiest first: everyone for REVIEWER/ADMIN, only the viewer's own row for others.",
      resolve: (progress) => progress.byLabeller,
    }),
  }),
});

builder.objectField(DatasetRef, "progress", (t) =>
  t.field({
    type: DatasetProgressRef,
    description: "Labelling progress: frames by status, per title and per labeller.",
    resolve: (dataset, _args, ctx) => getDatasetProgress(ctx, dataset.id),
  }),
);
