import { requireViewer } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Every registered backbone, by name: what extraction and training can use (signed-in users). */
export function listBackbones(ctx: ServiceContext) {
  requireViewer(ctx);
  return ctx.db.backbone.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
}
