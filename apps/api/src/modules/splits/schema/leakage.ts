import { builder } from "../../../graphql/builder.ts";
import { FrameRef, SplitEnum } from "../../frames/schema.ts";
import { leakageReport, type LeakageReport } from "../service/leakage/leakage-report.ts";
import { splitLoaders } from "./loaders.ts";
import { SplitCountRef, SplitVersionRef, TitleSplitCountsRef } from "./types.ts";

export const LeakagePairCountRef = builder.objectRef<LeakageReport["pairs"][number]>("LeakagePairCount").implement({
  description: "Near-duplicate pairs between two splits.",
  fields: (t) => ({
    a: t.expose("a", { type: SplitEnum }),
    b: t.expose("b", { type: SplitEnum }),
    pairs: t.exposeInt("pairs"),
  }),
});

const LeakageExampleRef = builder.objectRef<LeakageReport["examples"][number]>("LeakageExample").implement({
  description: "Two near-identical frames on different sides of the split.",
  fields: (t) => ({
    a: t.field({ type: FrameRef, resolve: (pair) => pair.a }),
    b: t.field({ type: FrameRef, resolve: (pair) => pair.b }),
    splitA: t.expose("splitA", { type: SplitEnum }),
    splitB: t.expose("splitB", { type: SplitEnum }),
    distance: t.exposeInt("distance", { description: "Bits (of 64) in which their dHashes differ." }),
  }),
});

const LeakageReportRef = builder.objectRef<LeakageReport>("LeakageReport").implement({
  description: "Near-duplicate frames across the splits of a version (a leak inflates test scores), and the label balance.",
  fields: (t) => ({
    splitVersion: t.field({ type: SplitVersionRef, resolve: (report) => report.splitVersion }),
    maxDistance: t.exposeInt("maxDistance"),
    frames: t.exposeInt("frames", { description: "Frames in the version." }),
    framesWithoutHash: t.exposeInt("framesWithoutHash", { description: "Frames without a dHash, left out of the comparison." }),
    crossSplitPairs: t.exposeInt("crossSplitPairs", { description: "Pairs of frames in different splits within maxDistance bits." }),
    sameScenePairs: t.exposeInt("sameScenePairs", { description: "Of those, pairs inside one scene: 0 for splits kao made." }),
    scenesAcrossSplits: t.exposeInt("scenesAcrossSplits", { description: "Scenes with frames in more than one split: 0 for splits kao made." }),
    pairs: t.field({ type: [LeakagePairCountRef], description: "Per pair of splits.", resolve: (report) => report.pairs }),
    examples: t.field({ type: [LeakageExampleRef], description: "The nearest pairs, one per pair of distinct hashes.", resolve: (report) => report.examples }),
    splits: t.field({
      type: [SplitCountRef],
      description: "Label balance per split.",
      resolve: async (report, _args, ctx) => (await splitLoaders(ctx).stats.load(report.splitVersion.id)).splits,
    }),
    titles: t.field({
      type: [TitleSplitCountsRef],
      description: "Label balance per title and split.",
      resolve: async (report, _args, ctx) => (await splitLoaders(ctx).stats.load(report.splitVersion.id)).titles,
    }),
  }),
});

builder.queryField("leakageReport", (t) =>
  t.field({
    type: LeakageReportRef,
    description: "Near-duplicate pairs (64-bit dHash within maxDistance bits, 0–16) across a split version's splits, with examples (members of the dataset).",
    complexity: 50,
    args: {
      splitVersionId: t.arg.id({ required: true }),
      maxDistance: t.arg.int({ defaultValue: 10, description: "Most differing bits for a pair to count (0–16; scenes use 10)." }),
      sample: t.arg.int({ defaultValue: 20, description: "Examples to return (0–200)." }),
    },
    resolve: (_root, args, ctx) => leakageReport(ctx, args.splitVersionId, { maxDistance: args.maxDistance ?? 10, sample: args.sample ?? 20 }),
  }),
);
