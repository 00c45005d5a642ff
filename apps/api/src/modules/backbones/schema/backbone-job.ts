import type { Job } from "@kao/db";
import { z } from "zod";
import { builder } from "../../../graphql/builder.ts";
import { backboneJobParams } from "../service/backbone-job-params.ts";
import { WorkerJobRef, isJobOfKind } from "./job.ts";
import { BackboneRef } from "./types.ts";

const BackboneJobSourceEnum = builder.enumType("BackboneJobSource", {
  description: "Where a backbone job's model comes from.",
  values: {
    CATALOG: { description: "Downloaded from the model catalog; done / total count bytes." },
    KERAS: { description: "A Keras / TF.js layers model an admin uploaded; done / total count steps (read, converted, registered)." },
  } as const,
});

const result = z.object({ backboneId: z.string() });
const paramsOf = (job: Job) => backboneJobParams.safeParse(job.params).data ?? null;

export const BackboneJobRef = builder.objectRef<Job>("BackboneJob").implement({
  description: "A model becoming a backbone: a catalog download (with a checksum check) or a Keras conversion, then registration. Admins only.",
  interfaces: [WorkerJobRef],
  isTypeOf: (job) => isJobOfKind(job, "DOWNLOAD"),
  fields: (t) => ({
    source: t.field({ type: BackboneJobSourceEnum, nullable: true, description: "Null for a job written by a newer kao.", resolve: (job) => (paramsOf(job)?.source === "keras" ? "KERAS" : paramsOf(job) ? "CATALOG" : null) }),
    name: t.string({ nullable: true, description: "The backbone's name once registered.", resolve: (job) => paramsOf(job)?.name ?? null }),
    catalogKey: t.string({
      nullable: true,
      description: "The catalog model downloaded; null for Keras imports.",
      resolve: (job) => {
        const params = paramsOf(job);
        return params?.source === "catalog" ? params.key : null;
      },
    }),
    backbone: t.field({
      type: BackboneRef,
      nullable: true,
      description: "The registered backbone, once the job succeeded (null if it was removed since).",
      resolve: (job, _args, ctx) => {
        const id = result.safeParse(job.result).data?.backboneId;
        return id ? ctx.db.backbone.findUnique({ where: { id } }) : null;
      },
    }),
  }),
});
