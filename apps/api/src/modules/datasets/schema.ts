import type { Dataset, DatasetMember, User } from "@kao/db";
import { builder } from "../../graphql/builder.ts";
import { prismaConnection } from "../../graphql/connection.ts";
import { ConflictError, InputValidationError } from "../../graphql/result-errors.ts";
import { UserRef } from "../users/schema.ts";
import { createDataset } from "./service/create-dataset.ts";
import { getDataset } from "./service/get-dataset.ts";
import { datasetsWhere } from "./service/list-datasets.ts";
import { addDatasetMember, removeDatasetMember } from "./service/members.ts";
import { updateDataset } from "./service/update-dataset.ts";

const DatasetMemberRef = builder.objectRef<DatasetMember & { user: User }>("DatasetMember").implement({
  description: "A user's access to a dataset.",
  fields: (t) => ({
    id: t.exposeID("id"),
    user: t.field({ type: UserRef, resolve: (member) => member.user }),
    addedAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const DatasetRef = builder.objectRef<Dataset>("Dataset").implement({
  description: "A collection of frames labelled under one set of face rules.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    guidelines: t.exposeString("guidelines", { description: "Markdown face rules shown beside every labelling screen." }),
    overlap: t.exposeInt("overlap", { description: "How many labellers should decide each frame." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Send back as `expectedUpdatedAt` to detect concurrent edits." }),
    archivedAt: t.expose("archivedAt", { type: "DateTime", nullable: true }),
    frameCount: t.int({ resolve: (dataset, _args, ctx) => ctx.loaders.frameCountByDataset.load(dataset.id) }),
    memberCount: t.int({ resolve: (dataset, _args, ctx) => ctx.loaders.memberCountByDataset.load(dataset.id) }),
    members: t.connection({
      type: DatasetMemberRef,
      description: "Who can open this dataset, by email.",
      resolve: (dataset, args, ctx) =>
        prismaConnection(args, (page) =>
          ctx.db.datasetMember.findMany({
            where: { datasetId: dataset.id },
            include: { user: true },
            orderBy: [{ user: { email: "asc" } }, { id: "asc" }],
            ...page,
          }),
        ),
    }),
  }),
});

builder.queryField("datasets", (t) =>
  t.connection({
    type: DatasetRef,
    description: "Datasets the viewer may open (admins: all), by name.",
    args: { search: t.arg.string(), includeArchived: t.arg.boolean({ defaultValue: false }) },
    resolve: (_root, args, ctx) => {
      const where = datasetsWhere(ctx, args);
      return prismaConnection(args, (page) => ctx.db.dataset.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...page }));
    },
  }),
);

builder.queryField("dataset", (t) =>
  t.field({
    type: DatasetRef,
    description: "One dataset; NOT_FOUND unless the viewer is a member or an admin.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getDataset(ctx, args.id),
  }),
);

const CreateDatasetInput = builder.inputType("CreateDatasetInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    guidelines: t.string({ description: "Markdown; the paper's face rules when left out." }),
    overlap: t.int({ description: "Labels wanted per frame (1–10, default 1)." }),
  }),
});

const UpdateDatasetInput = builder.inputType("UpdateDatasetInput", {
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    guidelines: t.string(),
    overlap: t.int(),
    ruleNames: t.stringList({ description: "Face-rule names for the labelling checkboxes: 1–10 unique names of 1–80 characters." }),
  }),
});

builder.mutationField("createDataset", (t) =>
  t.field({
    type: DatasetRef,
    description: "Create a dataset (admin only); the creator becomes a member.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: (_root, args, ctx) => createDataset(ctx, args.input),
  }),
);

builder.mutationField("updateDataset", (t) =>
  t.field({
    type: DatasetRef,
    description: "Change a dataset's name, description, guidelines, rule names or overlap (admin only).",
    errors: { types: [InputValidationError, ConflictError] },
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateDatasetInput, required: true }),
      expectedUpdatedAt: t.arg({ type: "DateTime", description: "The `updatedAt` you loaded; refuses the change if it moved on." }),
    },
    resolve: (_root, args, ctx) => updateDataset(ctx, args.id, args.input, args.expectedUpdatedAt),
  }),
);

builder.mutationField("addDatasetMember", (t) =>
  t.field({
    type: DatasetMemberRef,
    description: "Give a user (by id or email) access to a dataset (admin only).",
    errors: { types: [InputValidationError] },
    args: { datasetId: t.arg.id({ required: true }), userId: t.arg.id(), email: t.arg.string() },
    resolve: (_root, args, ctx) => addDatasetMember(ctx, args.datasetId, args),
  }),
);

builder.mutationField("removeDatasetMember", (t) =>
  t.field({
    type: DatasetRef,
    description: "Remove a user's access to a dataset; their labels are kept (admin only).",
    args: { datasetId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => removeDatasetMember(ctx, args.datasetId, args.userId),
  }),
);
