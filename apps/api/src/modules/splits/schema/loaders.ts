import DataLoader from "dataloader";
import type { Db, User } from "@kao/db";
import type { GraphQLContext } from "../../../graphql/context.ts";
import { countPendingFrames } from "../service/count-pending-frames.ts";
import { countStaleAssignments } from "../service/count-stale-assignments.ts";
import { loadSplitStats, type SplitStats } from "../service/load-split-stats.ts";

/**
 * Batch loaders for split versions, one set per request: a page of versions costs one query per
 * field, not one per version. Keyed by the request's context object, so they live and die with it
 * and one user's cache never serves another.
 */
const perRequest = new WeakMap<GraphQLContext, ReturnType<typeof createSplitLoaders>>();

export function splitLoaders(ctx: GraphQLContext) {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = createSplitLoaders(ctx.db)));
  return loaders;
}

function createSplitLoaders(db: Db) {
  return {
    stats: new DataLoader<string, SplitStats>(async (ids) => {
      const stats = await loadSplitStats(db, ids);
      return ids.map((id) => stats.get(id) ?? new Error(`no stats for split version ${id}`));
    }),
    pending: new DataLoader<string, number>(async (ids) => {
      const counts = await countPendingFrames(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    stale: new DataLoader<string, number>(async (ids) => {
      const counts = await countStaleAssignments(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** The current (newest) version id per dataset, as currentSplitVersion picks it. */
    currentByDataset: new DataLoader<string, string | null>(async (datasetIds) => {
      const rows = await db.$queryRaw<{ datasetId: string; id: string }[]>`
        SELECT DISTINCT ON ("datasetId") "datasetId", id FROM "SplitVersion"
         WHERE "datasetId" = ANY(${[...datasetIds]}::uuid[])
         ORDER BY "datasetId", "createdAt" DESC, id DESC`;
      const current = new Map(rows.map((row) => [row.datasetId, row.id]));
      return datasetIds.map((id) => current.get(id) ?? null);
    }),
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = new Map((await db.user.findMany({ where: { id: { in: [...ids] } } })).map((user) => [user.id, user]));
      return ids.map((id) => users.get(id) ?? null);
    }),
  };
}
