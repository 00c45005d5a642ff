import { builder } from "../../graphql/builder.ts";
import { ConflictError } from "../../graphql/result-errors.ts";
import { WorkerJobRef } from "../backbones/schema/job.ts";
import { cancelJob } from "./service/cancel-job.ts";
import { getWorkerJob } from "./service/get-worker-job.ts";

builder.queryField("job", (t) =>
  t.field({
    type: WorkerJobRef,
    description: "One extraction, training, prediction or download job, whatever its kind (members of its dataset and admins; download jobs: admins).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getWorkerJob(ctx, args.id),
  }),
);

builder.mutationField("cancelJob", (t) =>
  t.field({
    type: WorkerJobRef,
    description:
      "Stop an extraction, training, prediction or download job (admins). A queued job is cancelled at once; a running one stops after its current batch and keeps what it finished (vectors, complete runs, predictions). A finished job gives a ConflictError. Imports: `cancelImport`.",
    errors: { types: [ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => cancelJob(ctx, args.id),
  }),
);
