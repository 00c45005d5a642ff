import { builder } from "../../../graphql/builder.ts";
import { BackboneRef } from "../../backbones/schema/types.ts";
import { FrameRef, SplitEnum } from "../../frames/schema.ts";
import { featureLeakageReport, type FeatureLeakageReport } from "../service/leakage/feature-leakage-report.ts";
import { LeakagePairCountRef } from "./leakage.ts";
import { SplitVersionRef } from "./types.ts";

const FeatureLeakageExampleRef = builder.objectRef<FeatureLeakageReport["examples"][number]>("FeatureLeakageExample").implement({
  description: "Two frames on different sides of the split whose feature vectors point the same way.",
  fields: (t) => ({
    a: t.field({ type: FrameRef, resolve: (pair) => pair.a }),
    b: t.field({ type: FrameRef, resolve: (pair) => pair.b }),
    splitA: t.expose("splitA", { type: SplitEnum }),
    splitB: t.expose("splitB", { type: SplitEnum }),
    similarity: t.exposeFloat("similarity", { description: "Cosine similarity of their feature vectors (1: same direction)." }),
  }),
});

const FeatureLeakageReportRef = builder.objectRef<FeatureLeakageReport>("FeatureLeakageReport").implement({
  description: "Near-duplicate frames across the splits of a version by the cosine similarity of one backbone's feature vectors.",
  fields: (t) => ({
    splitVersion: t.field({ type: SplitVersionRef, resolve: (report) => report.splitVersion }),
    backbone: t.field({ type: BackboneRef, description: "Whose feature vectors were compared.", resolve: (report) => report.backbone }),
    threshold: t.exposeFloat("threshold", { description: "Least cosine similarity for a pair to count." }),
    frames: t.exposeInt("frames", { description: "Frames in the version." }),
    framesWithoutVector: t.exposeInt("framesWithoutVector", { description: "Frames without a vector for the backbone, left out of the comparison." }),
    crossSplitPairs: t.exposeInt("crossSplitPairs", { description: "Pairs of frames in different splits at or above the threshold." }),
    pairs: t.field({ type: [LeakagePairCountRef], description: "Per pair of splits.", resolve: (report) => report.pairs }),
    examples: t.field({ type: [FeatureLeakageExampleRef], description: "The most similar pairs, most similar first.", resolve: (report) => report.examples }),
  }),
});

builder.queryField("featureLeakageReport", (t) =>
  t.field({
    type: FeatureLeakageReportRef,
    description:
      "Near-duplicate pairs across a split version's splits by cosine similarity of a backbone's feature vectors, with the most similar as examples (admins and reviewers of the dataset).",
    complexity: 100,
    args: {
      splitVersionId: t.arg.id({ required: true }),
      backboneId: t.arg.id({ required: true, description: "The backbone whose extracted vectors are compared." }),
      threshold: t.arg.float({ defaultValue: 0.95, description: "Least cosine similarity for a pair to count (0.5–1)." }),
      sample: t.arg.int({ defaultValue: 20, description: "Examples to return (0–200)." }),
    },
    resolve: (_root, args, ctx) =>
      featureLeakageReport(ctx, args.splitVersionId, { backboneId: args.backboneId, threshold: args.threshold ?? 0.95, sample: args.sample ?? 20 }),
  }),
);
