import { requireRole } from "../../../access.ts";
import { badInput } from "../../../errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { LabelEnum } from "../../labelling/schema/types.ts";
import { predictImage, type ImagePrediction } from "../service/predict-image.ts";

/**
 * Base64 in a JSON body: GraphQL requests are limited to KAO_MAX_BODY_BYTES (1 MB), so images up to about
 * 700 KB fit; `POST /predict` takes the raw bytes up to 25 MiB.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const ImagePredictionRef = builder.objectRef<ImagePrediction>("ImagePrediction").implement({
  description: "What a run's model says about one image sent with the request (the image is not stored).",
  fields: (t) => ({
    label: t.expose("label", { type: LabelEnum, description: "FACE when the decision value is positive, else NO_FACE." }),
    decisionValue: t.exposeFloat("decisionValue", { description: "Signed distance from the SVM's boundary, in margins: near 0 = uncertain." }),
    runId: t.exposeID("runId", { description: "The run that decided." }),
    backboneId: t.exposeID("backboneId", { description: "The backbone whose features the run reads." }),
  }),
});

builder.queryField("predictImage", (t) =>
  t.field({
    type: ImagePredictionRef,
    description:
      "Classify one image with a dataset's published run, or `runId` (members and admins, not labellers: they label blind). The image travels base64-encoded inside the GraphQL request, so it must fit the request size limit (1 MB by default, about 700 KB of image); larger images go to `POST /predict` as raw bytes.",
    args: {
      datasetId: t.arg.id({ required: true }),
      runId: t.arg.id(),
      imageBase64: t.arg.string({ required: true, description: "The image file (JPEG, PNG, WebP…), base64-encoded." }),
    },
    resolve: (_root, args, ctx) => {
      requireRole(ctx, "VIEWER", "REVIEWER", "ADMIN"); // before reading the input: strangers learn nothing
      const encoded = args.imageBase64.replace(/\s+/g, "");
      if (encoded.length === 0 || encoded.length % 4 !== 0 || !BASE64.test(encoded)) throw badInput("`imageBase64` is not base64.");
      return predictImage(ctx, { datasetId: String(args.datasetId), runId: args.runId === null || args.runId === undefined ? null : String(args.runId), image: Buffer.from(encoded, "base64") });
    },
  }),
);
