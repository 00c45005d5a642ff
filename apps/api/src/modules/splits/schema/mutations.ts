import { builder } from "../../../graphql/builder.ts";
import { ConflictError, InputValidationError } from "../../../graphql/result-errors.ts";
import { TitleRef } from "../../frames/schema.ts";
import { appendToSplit } from "../service/append-to-split.ts";
import { createSplit } from "../service/create-split.ts";
import { lockSplit } from "../service/lock-split.ts";
import { resplitVersion } from "../service/resplit-version.ts";
import { setTitleDistinct } from "../service/set-title-distinct.ts";
import { SplitVersionRef } from "./types.ts";

const SplitRatiosInput = builder.inputType("SplitRatiosInput", {
  description: "Each ≥ 0, summing to 1 (within 1e-6).",
  fields: (t) => ({
    train: t.float({ required: true }),
    val: t.float({ required: true }),
    test: t.float({ required: true }),
  }),
});

const CreateSplitInput = builder.inputType("CreateSplitInput", {
  fields: (t) => ({
    name: t.string({ required: true, description: "Unique within the dataset, e.g. `v1`." }),
    ratios: t.field({ type: SplitRatiosInput, description: "Default 0.48 / 0.20 / 0.32, as the paper." }),
    seed: t.int({ description: "Default: a random one, stored with the version." }),
  }),
});

const ResplitInput = builder.inputType("ResplitInput", {
  fields: (t) => ({
    ratios: t.field({ type: SplitRatiosInput, description: "Default: the version's own." }),
    seed: t.int({ description: "Default: the version's own." }),
  }),
});

builder.mutationField("setTitleDistinct", (t) =>
  t.field({
    type: TitleRef,
    description:
      "Hold a title out as the distinct test set, or put it back (admin only). Refused for a title without FACE/NO_FACE frames, and while the current split is locked and holds the title.",
    errors: { types: [ConflictError] },
    args: { titleId: t.arg.id({ required: true }), distinct: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => setTitleDistinct(ctx, args.titleId, args.distinct),
  }),
);

builder.mutationField("createSplit", (t) =>
  t.field({
    type: SplitVersionRef,
    description: "Split every FACE/NO_FACE frame of a dataset into a new version, which becomes current (admin only).",
    errors: { types: [InputValidationError, ConflictError] },
    args: { datasetId: t.arg.id({ required: true }), input: t.arg({ type: CreateSplitInput, required: true }) },
    resolve: (_root, args, ctx) => createSplit(ctx, args.datasetId, args.input),
  }),
);

builder.mutationField("resplit", (t) =>
  t.field({
    type: SplitVersionRef,
    description: "Split an unlocked version again from scratch over today's labels (admin only); a locked version is refused.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ResplitInput }) },
    resolve: (_root, args, ctx) => resplitVersion(ctx, args.id, args.input ?? {}),
  }),
);

builder.mutationField("lockSplit", (t) =>
  t.field({
    type: SplitVersionRef,
    description: "Freeze a split version for good: no resplit, no append (admin only). Locking it again changes nothing.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => lockSplit(ctx, args.id),
  }),
);

builder.mutationField("appendToSplit", (t) =>
  t.field({
    type: SplitVersionRef,
    description: "Assign frames labelled since the version was made, by the same rules, without moving any (admin only; not on locked versions).",
    errors: { types: [ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => appendToSplit(ctx, args.id),
  }),
);
