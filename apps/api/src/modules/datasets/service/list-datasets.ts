import type { Prisma } from "@kao/db";
import { requireViewer, visibleDatasetsWhere } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";

export function datasetsWhere(ctx: ServiceContext, filter: { search?: string | null; includeArchived?: boolean | null }): Prisma.DatasetWhereInput {
  const viewer = requireViewer(ctx);
  return {
    ...visibleDatasetsWhere(viewer),
    ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" as const } } : {}),
    ...(filter.includeArchived ? {} : { archivedAt: null }),
  };
}
