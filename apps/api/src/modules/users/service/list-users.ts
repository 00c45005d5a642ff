import type { Prisma, Role } from "@kao/db";
import { requireAdmin } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";

export function usersWhere(ctx: ServiceContext, filter: { search?: string | null; role?: Role | null; includeDeactivated?: boolean | null }) {
  requireAdmin(ctx);
  const where: Prisma.UserWhereInput = {};
  if (filter.search) {
    where.OR = [
      { email: { contains: filter.search, mode: "insensitive" } },
      { name: { contains: filter.search, mode: "insensitive" } },
    ];
  }
  if (filter.role) where.role = filter.role;
  if (!filter.includeDeactivated) where.deactivatedAt = null;
  return where;
}
