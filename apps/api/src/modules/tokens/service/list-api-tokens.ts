import type { Prisma } from "@kao/db";
import { requireViewer } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** The viewer's own tokens, newest first. */
export function myApiTokensWhere(ctx: ServiceContext, filter: { includeRevoked?: boolean | null }): Prisma.ApiTokenWhereInput {
  const viewer = requireViewer(ctx);
  return { userId: viewer.id ?? "00000000-0000-0000-0000-000000000000", ...(filter.includeRevoked ? {} : { revokedAt: null }) };
}
