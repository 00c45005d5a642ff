import type { Role } from "@kao/db";
import { requireRole } from "../../../access.ts";
import { forbidden } from "../../../errors.ts";
import type { ServiceContext } from "../../../service-context.ts";

export const LABELLING_ROLES: Role[] = ["LABELER", "REVIEWER", "ADMIN"];
export const REVIEW_ROLES: Role[] = ["REVIEWER", "ADMIN"];

/**
 * The signed-in user who may do this labelling step, with their id: labels, leases and adjudications
 * belong to a person, so the operations CLI's system viewer (no id) cannot take part.
 */
export function requireLabeller(ctx: ServiceContext, roles: Role[] = LABELLING_ROLES) {
  const viewer = requireRole(ctx, ...roles);
  if (!viewer.id) throw forbidden("Labelling needs a signed-in user.");
  return { ...viewer, id: viewer.id };
}
