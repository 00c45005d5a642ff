import { builder } from "../../../graphql/builder.ts";
import { prismaConnection } from "../../../graphql/connection.ts";
import { DatasetRef } from "../../datasets/schema.ts";
import { getSplitVersion } from "../service/get-split-version.ts";
import { splitVersionsWhere } from "../service/list-split-versions.ts";
import { splitLoaders } from "./loaders.ts";
import { SplitVersionRef } from "./types.ts";

builder.queryField("splitVersions", (t) =>
  t.connection({
    type: SplitVersionRef,
    description: "A dataset's split versions, newest (current) first (members of the dataset).",
    args: { datasetId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const where = await splitVersionsWhere(ctx, args.datasetId);
      return prismaConnection(args, (page) => ctx.db.splitVersion.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...page }));
    },
  }),
);

builder.queryField("splitVersion", (t) =>
  t.field({
    type: SplitVersionRef,
    description: "One split version with its counts (members of its dataset).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getSplitVersion(ctx, args.id),
  }),
);

builder.objectField(DatasetRef, "currentSplit", (t) =>
  t.field({
    type: SplitVersionRef,
    nullable: true,
    description: "The newest split version, which each frame's `split` mirrors; null before the first split.",
    resolve: async (dataset, _args, ctx) => {
      const id = await splitLoaders(ctx).currentByDataset.load(dataset.id);
      return id ? ctx.db.splitVersion.findUnique({ where: { id } }) : null;
    },
  }),
);
