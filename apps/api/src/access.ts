import type { Role } from "@kao/db";
import { forbidden, unauthenticated } from "./errors.ts";
import type { ServiceContext } from "./service-context.ts";
import type { Viewer } from "./viewer.ts";

export function requireViewer(ctx: ServiceContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export function requireRole(ctx: ServiceContext, ...roles: Role[]): Viewer {
  const viewer = requireViewer(ctx);
  if (!roles.includes(viewer.role)) throw forbidden(`This needs the ${roles.join(" or ")} role.`);
  return viewer;
}

export const requireAdmin = (ctx: ServiceContext) => requireRole(ctx, "ADMIN");

/**
 * A Prisma `where` fragment limiting datasets to those the viewer may see: all for admins,
 * otherwise those they are a member of. Scoping in the query (not checking after loading)
 * means a non-member gets "not found", never a hint that the dataset exists.
 */
export function visibleDatasetsWhere(viewer: Viewer) {
  if (viewer.role === "ADMIN") return {};
  return { members: { some: { userId: viewer.id ?? "" } } };
}
