// GraphQL types and fields of the guidelines module (see docs/labelling.md): face-rule names and
// example frames pinned beside the face rules.
import { builder } from "../../graphql/builder.ts";
import { DatasetRef } from "../datasets/schema.ts";
import { FrameRef } from "../frames/schema.ts";
import { LabelEnum } from "../labelling/schema.ts";
import { UserRef } from "../users/schema.ts";
import { listExamples, type GuidelineExampleWithRelations } from "./service/list-examples.ts";
import { pinExample } from "./service/pin-example.ts";
import { unpinExample } from "./service/unpin-example.ts";

const GuidelineExampleRef = builder.objectRef<GuidelineExampleWithRelations>("GuidelineExample").implement({
  description: "A frame pinned beside the face rules as an example of FACE or NO_FACE.",
  fields: (t) => ({
    id: t.exposeID("id"),
    frame: t.field({ type: FrameRef, resolve: (example) => example.frame }),
    label: t.expose("label", { type: LabelEnum }),
    note: t.exposeString("note", { description: "Why this frame is (or is not) a face, e.g. \"profile counts\"." }),
    pinnedBy: t.field({ type: UserRef, nullable: true, resolve: (example) => example.pinnedBy }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.objectField(DatasetRef, "ruleNames", (t) =>
  t.exposeStringList("ruleNames", { description: "Short face-rule names, shown as checkboxes while labelling." }),
);

builder.objectField(DatasetRef, "examples", (t) =>
  t.field({
    type: [GuidelineExampleRef],
    description: "Example frames pinned beside the face rules, newest first.",
    resolve: (dataset, _args, ctx) => listExamples(ctx, dataset.id),
  }),
);

builder.mutationField("pinExample", (t) =>
  t.field({
    type: GuidelineExampleRef,
    description: "Pin a frame as a FACE or NO_FACE example of its dataset's face rules (admin only); pinning it again updates it.",
    args: {
      frameId: t.arg.id({ required: true }),
      label: t.arg({ type: LabelEnum, required: true, description: "FACE or NO_FACE; UNSURE is refused." }),
      note: t.arg.string({ description: "Why; left out, a re-pinned example keeps its note." }),
    },
    resolve: (_root, args, ctx) => pinExample(ctx, args),
  }),
);

builder.mutationField("unpinExample", (t) =>
  t.field({
    type: "Boolean",
    description: "Remove a pinned example (admin only); the frame stays.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => unpinExample(ctx, args.id),
  }),
);
