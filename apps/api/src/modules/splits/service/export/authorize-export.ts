import { requireViewer } from "../../../../access.ts";
import { forbidden } from "../../../../errors.ts";
import type { ServiceContext } from "../../../../service-context.ts";
import { getSplitVersion } from "../get-split-version.ts";

/**
 * Exports hand out every label of a dataset at once: reviewers and admins only (LABELERs see only their
 * own labels in kao, VIEWERs read progress). Members only, like everything else of a dataset.
 */
export async function authorizeExport(ctx: ServiceContext, splitVersionId: string) {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "ADMIN" && viewer.role !== "REVIEWER") {
    throw forbidden("Exports need the ADMIN or REVIEWER role: labellers and viewers cannot download a dataset's labels.");
  }
  return getSplitVersion(ctx, splitVersionId);
}
