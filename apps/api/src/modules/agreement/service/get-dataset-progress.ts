import { Prisma, type Title, type User } from "@kao/db";
import { requireViewer } from "../../../access.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";

/** Frame counts of one title (or of the whole dataset). */
export interface StatusCounts {
  frames: number;
  open: number;
  inReview: number;
  done: number;
  /** Frames with at least one label. */
  labelled: number;
}

export interface LabellerProgress {
  user: User;
  decisions: number;
  decisionsPerHour: number | null;
  lastDecisionAt: Date | null;
}

export interface DatasetProgress extends StatusCounts {
  myDecisions: number;
  byTitle: (StatusCounts & { title: Title })[];
  byLabeller: LabellerProgress[];
}

/** A decision's time counts for at most a minute: a labeller who left a frame open over lunch did not work on it. */
export const MAX_COUNTED_DURATION_MS = 60_000;

/**
 * How far labelling of a dataset has got, per title and per labeller, from GROUP BY queries (no
 * frame is loaded). Members of any role may read it; LABELERs and VIEWERs see only their own row
 * in `byLabeller`, REVIEWERs and ADMINs everyone's.
 */
export async function getDatasetProgress(ctx: ServiceContext, datasetId: string): Promise<DatasetProgress> {
  const viewer = requireViewer(ctx);
  assertId(datasetId, "datasetId");
  await getDataset(ctx, datasetId);
  const everyone = viewer.role === "ADMIN" || viewer.role === "REVIEWER";
  const [titles, counts, labellers] = await Promise.all([
    ctx.db.title.findMany({ where: { datasetId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    countByTitle(ctx.db, datasetId),
    // A viewer without an id (the CLI's system viewer) is an admin, so `everyone` holds for it.
    everyone || viewer.id ? countByLabeller(ctx.db, datasetId, everyone ? null : viewer.id) : Promise.resolve([]),
  ]);

  const byTitle = titles.map((title) => ({ title, ...(counts.get(title.id) ?? emptyCounts()) }));
  const totals = byTitle.reduce((sum, row) => addCounts(sum, row), emptyCounts());
  const users = labellers.length ? await ctx.db.user.findMany({ where: { id: { in: labellers.map((row) => row.userId) } } }) : [];
  const userById = new Map(users.map((user) => [user.id, user]));
  const byLabeller = labellers.flatMap((row) => {
    const user = userById.get(row.userId);
    if (!user) return []; // deleted since the count, and its annotations with it
    const hours = row.timedMs / 3_600_000;
    return [{ user, decisions: row.decisions, lastDecisionAt: row.lastDecisionAt, decisionsPerHour: hours > 0 ? row.timedDecisions / hours : null }];
  });
  const myDecisions = labellers.find((row) => row.userId === viewer.id)?.decisions ?? 0;
  return { ...totals, myDecisions, byTitle, byLabeller };
}

const emptyCounts = (): StatusCounts => ({ frames: 0, open: 0, inReview: 0, done: 0, labelled: 0 });

function addCounts(sum: StatusCounts, row: StatusCounts): StatusCounts {
  return {
    frames: sum.frames + row.frames,
    open: sum.open + row.open,
    inReview: sum.inReview + row.inReview,
    done: sum.done + row.done,
    labelled: sum.labelled + row.labelled,
  };
}

/** One pass over the dataset's frames, grouped by title. */
async function countByTitle(db: ServiceContext["db"], datasetId: string): Promise<Map<string, StatusCounts>> {
  const rows = await db.$queryRaw<(StatusCounts & { titleId: string })[]>`
    SELECT "titleId",
      count(*)::int AS "frames",
      count(*) FILTER (WHERE "labelStatus" = 'OPEN')::int AS "open",
      count(*) FILTER (WHERE "labelStatus" = 'REVIEW')::int AS "inReview",
      count(*) FILTER (WHERE "labelStatus" = 'DONE')::int AS "done",
      count(*) FILTER (WHERE "labelCount" >= 1)::int AS "labelled"
    FROM "Frame"
    WHERE "datasetId" = ${datasetId}::uuid
    GROUP BY "titleId"`;
  return new Map(rows.map(({ titleId, ...counts }) => [titleId, counts]));
}

interface LabellerRow {
  userId: string;
  decisions: number;
  /** Decisions with a duration, and the sum of their durations capped at a minute each. */
  timedDecisions: number;
  timedMs: number;
  lastDecisionAt: Date | null;
}

/** Annotations in the dataset per labeller (all labellers, or only `userId`), busiest first. */
function countByLabeller(db: ServiceContext["db"], datasetId: string, userId: string | null): Promise<LabellerRow[]> {
  return db.$queryRaw<LabellerRow[]>`
    SELECT a."userId",
      count(*)::int AS "decisions",
      count(a."durationMs")::int AS "timedDecisions",
      coalesce(sum(least(greatest(a."durationMs", 0), ${MAX_COUNTED_DURATION_MS}::int)), 0)::float8 AS "timedMs",
      max(a."updatedAt") AS "lastDecisionAt"
    FROM "Annotation" a
    JOIN "Frame" f ON f."id" = a."frameId"
    WHERE f."datasetId" = ${datasetId}::uuid
      ${userId ? Prisma.sql`AND a."userId" = ${userId}::uuid` : Prisma.empty}
    GROUP BY a."userId"
    ORDER BY count(*) DESC, a."userId"`;
}
