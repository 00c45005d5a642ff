import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { MAX_PAGE_SIZE, prismaConnection } from "./connection.ts";

// Ten rows in the query's order; ids are UUIDs as in the database.
const rows = Array.from({ length: 10 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, n: i }));

/** Prisma's cursor semantics: the cursor row is included unless skipped; a negative take reads backwards, returned in order. */
function findMany(page: { take: number; cursor?: { id: string }; skip?: number }) {
  const at = page.cursor ? rows.findIndex((row) => row.id === page.cursor?.id) : undefined;
  const skip = page.skip ?? 0;
  if (page.take >= 0) {
    const start = (at ?? 0) + skip;
    return Promise.resolve(rows.slice(start, start + page.take));
  }
  const end = at === undefined ? rows.length : at + 1 - skip;
  return Promise.resolve(rows.slice(Math.max(0, end + page.take), end));
}

const numbers = (result: Awaited<ReturnType<typeof prismaConnection<(typeof rows)[number]>>>) => result.edges.map((edge) => edge.node.n);
const idOf = (n: number) => rows[n]?.id ?? "";

describe("prismaConnection", () => {
  it("pages forwards without overlap and says when more follow", async () => {
    const one = await prismaConnection({ first: 4 }, findMany);
    const two = await prismaConnection({ first: 4, after: one.pageInfo.endCursor }, findMany);
    const three = await prismaConnection({ first: 4, after: two.pageInfo.endCursor }, findMany);
    expect([numbers(one), numbers(two), numbers(three)]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(one.pageInfo).toEqual({ startCursor: idOf(0), endCursor: idOf(3), hasNextPage: true, hasPreviousPage: false });
    expect(three.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("pages backwards without overlap", async () => {
    const end = await prismaConnection({ last: 4 }, findMany);
    const middle = await prismaConnection({ last: 4, before: end.pageInfo.startCursor }, findMany);
    const start = await prismaConnection({ last: 4, before: middle.pageInfo.startCursor }, findMany);
    expect([numbers(start), numbers(middle), numbers(end)]).toEqual([[0, 1], [2, 3, 4, 5], [6, 7, 8, 9]]);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("returns an empty page with null cursors past the end", async () => {
    const result = await prismaConnection({ first: 5, after: idOf(9) }, findMany);
    expect(result).toEqual({ edges: [], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: true } });
  });

  it("defaults to 50 rows and asks for one more to know whether there are more", async () => {
    const asked: number[] = [];
    await prismaConnection({}, (page) => {
      asked.push(page.take);
      return findMany(page);
    });
    expect(asked).toEqual([51]);
  });

  it.each([
    [{ first: MAX_PAGE_SIZE + 1 }, /first/],
    [{ last: -1 }, /last/],
    [{ first: 1, last: 1 }, /not both/],
    [{ first: 1, after: "1 OR 1=1" }, /after/],
    [{ last: 1, before: "zzz" }, /before/],
  ])("refuses %j as BAD_USER_INPUT before querying", async (args, message) => {
    let queried = false;
    const result = prismaConnection(args, (page) => {
      queried = true;
      return findMany(page);
    });
    await expect(result).rejects.toBeInstanceOf(AppError);
    await expect(result).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(message) });
    expect(queried).toBe(false);
  });
});
