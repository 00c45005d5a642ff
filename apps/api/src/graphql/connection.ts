import type { DefaultConnectionArguments } from "@pothos/plugin-relay";
import { badInput } from "../errors.ts";
import { assertId } from "../ids.ts";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

interface PageInfo {
  startCursor: string | null;
  endCursor: string | null;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/**
 * A Relay cursor connection over a Prisma `findMany`, keyed by `id` so any `orderBy` works:
 * Prisma's cursor pagination continues from the row with that id in the query's own order.
 * One extra row is fetched to know whether another page exists.
 */
export async function prismaConnection<T extends { id: string }>(
  args: DefaultConnectionArguments,
  findMany: (page: { take: number; cursor?: { id: string }; skip?: number }) => Promise<T[]>,
): Promise<{ edges: { cursor: string; node: T }[]; pageInfo: PageInfo }> {
  if (args.first != null && args.last != null) throw badInput("Pass `first` or `last`, not both.");
  for (const key of ["first", "last"] as const) {
    const value = args[key];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) throw badInput(`\`${key}\` must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  const backwards = args.last != null;
  const size = (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const cursor = backwards ? args.before : args.after;
  if (cursor) assertId(cursor, backwards ? "before" : "after");

  // Prisma returns a backwards page (negative take) in forward order, extra row first.
  const rows = await findMany({ take: backwards ? -(size + 1) : size + 1, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
  const hasMore = rows.length > size;
  const page = hasMore ? (backwards ? rows.slice(1) : rows.slice(0, size)) : rows;
  const edges = page.map((node) => ({ cursor: node.id, node }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: backwards ? Boolean(args.before) : hasMore,
      hasPreviousPage: backwards ? hasMore : Boolean(args.after),
    },
  };
}
