import { builder } from "../../../graphql/builder.ts";
import { ConflictError, InputValidationError } from "../../../graphql/result-errors.ts";
import { importLabels, type LabelImportReport } from "../service/import/import-labels.ts";

const LabelFileFormatEnum = builder.enumType("LabelFileFormat", {
  values: {
    CSV: { description: "RFC 4180 CSV with a header naming `sha256` and `label` (kao's CSV export works as is)." },
    JSONL: { description: "JSON Lines: one object with `sha256` and `label` per line (kao's JSONL export works as is)." },
  } as const,
});

const ImportLabelsInput = builder.inputType("ImportLabelsInput", {
  fields: (t) => ({
    format: t.field({ type: LabelFileFormatEnum, required: true }),
    text: t.string({
      required: true,
      description: "The file's text. The whole request is limited to the API's body limit (KAO_MAX_BODY_BYTES, 1 MB by default).",
    }),
    name: t.string({ description: "The file's name, kept in each label's note (\"imported from <name>\")." }),
    dryRun: t.boolean({ description: "Check and count only; change nothing." }),
  }),
});

const LabelImportRef = builder.objectRef<LabelImportReport>("LabelImport").implement({
  description: "What an import of labels did (or, as a dry run, would do).",
  fields: (t) => ({
    dryRun: t.exposeBoolean("dryRun"),
    applied: t.exposeBoolean("applied", { description: "False for a dry run." }),
    lines: t.exposeInt("lines", { description: "Records read." }),
    frames: t.exposeInt("frames", { description: "Distinct frames they name." }),
    created: t.exposeInt("created", { description: "Frames that had no consensus and got one." }),
    updated: t.exposeInt("updated", { description: "Frames whose (non-adjudicated) consensus changed." }),
    unchanged: t.exposeInt("unchanged", { description: "Frames that already had that label." }),
  }),
});

builder.mutationField("importLabels", (t) =>
  t.field({
    type: LabelImportRef,
    description:
      "Set consensus labels from CSV or JSON Lines text, matching the dataset's frames by sha256 (admin only). All or nothing: unknown sha256s and conflicting labels are reported per line (`text.<line>`) and nothing changes.",
    errors: { types: [InputValidationError, ConflictError] },
    args: { datasetId: t.arg.id({ required: true }), input: t.arg({ type: ImportLabelsInput, required: true }) },
    resolve: (_root, args, ctx) => importLabels(ctx, args.datasetId, args.input),
  }),
);
