import { requireAdmin } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** The latest catalog downloads and Keras imports, newest first (admins): what the Backbones page follows. */
export function listBackboneJobs(ctx: ServiceContext, limit: number) {
  requireAdmin(ctx);
  return ctx.db.job.findMany({ where: { kind: "DOWNLOAD" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.max(1, Math.min(limit, 100)) });
}
