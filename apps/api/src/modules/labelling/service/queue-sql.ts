// The queue's SQL (see docs/labelling.md, "Queue"). Raw because Prisma has no `FOR UPDATE SKIP LOCKED`.
import { Prisma } from "@kao/db";
import { NOW_UTC } from "./sql.ts";

type Tx = Prisma.TransactionClient;
export interface QueueRow {
  id: string;
  sceneId: string | null;
  timestampMs: number | null;
  sourceName: string;
}
export interface Who {
  datasetId: string;
  userId: string;
  overlap: number;
}

/**
 * OPEN frames the user has not labelled and that still have room: labels plus other people's
 * live leases fewer than the overlap. Evaluated on the statement's snapshot.
 */
const eligible = (who: Who) => Prisma.sql`
  f."datasetId" = ${who.datasetId}::uuid
  AND f."labelStatus" = 'OPEN'
  AND NOT EXISTS (SELECT 1 FROM "Annotation" a WHERE a."frameId" = f.id AND a."userId" = ${who.userId}::uuid)
  AND f."labelCount" + (
    SELECT count(*) FROM "FrameLease" l WHERE l."frameId" = f.id AND l."userId" <> ${who.userId}::uuid AND l."expiresAt" > ${NOW_UTC}
  ) < ${who.overlap}::int`;

const columns = Prisma.sql`f.id, f."sceneId", f."timestampMs", f."sourceName"`;

/** The user's unexpired leases on frames they can still label, in queue order. */
export function findOwnLeases(tx: Tx, who: Who, limit: number) {
  return tx.$queryRaw<QueueRow[]>`
    SELECT ${columns} FROM "FrameLease" l JOIN "Frame" f ON f.id = l."frameId"
    WHERE l."userId" = ${who.userId}::uuid AND l."expiresAt" > ${NOW_UTC}
      AND f."datasetId" = ${who.datasetId}::uuid AND f."labelStatus" = 'OPEN'
      AND NOT EXISTS (SELECT 1 FROM "Annotation" a WHERE a."frameId" = f.id AND a."userId" = ${who.userId}::uuid)
    ORDER BY f.priority DESC, f."queueRank", f.id
    LIMIT ${limit}::int`;
}

/** Locks the next eligible frames in queue order, skipping those another transaction holds. */
export function lockCandidates(tx: Tx, who: Who, limit: number, exclude: string[]) {
  return tx.$queryRaw<QueueRow[]>`
    SELECT ${columns} FROM "Frame" f
    WHERE ${eligible(who)} AND f.id <> ALL(${exclude}::uuid[])
    ORDER BY f.priority DESC, f."queueRank", f.id
    LIMIT ${limit}::int
    FOR UPDATE OF f SKIP LOCKED`;
}

/**
 * Locks the next eligible frame, waiting if another transaction holds it (a submit or a lease being
 * written); Postgres re-checks the row once the holder commits. Call it holding no frame lock: it
 * then cannot close a deadlock cycle.
 */
export function waitForCandidate(tx: Tx, who: Who, exclude: string[]) {
  return tx.$queryRaw<QueueRow[]>`
    SELECT ${columns} FROM "Frame" f
    WHERE ${eligible(who)} AND f.id <> ALL(${exclude}::uuid[])
    ORDER BY f.priority DESC, f."queueRank", f.id
    LIMIT 1
    FOR UPDATE OF f`;
}

/** Locks more eligible frames of one scene, in time order (grid mode). */
export function lockSceneMates(tx: Tx, who: Who, sceneId: string, limit: number, exclude: string[]) {
  return tx.$queryRaw<QueueRow[]>`
    SELECT ${columns} FROM "Frame" f
    WHERE ${eligible(who)} AND f."sceneId" = ${sceneId}::uuid AND f.id <> ALL(${exclude}::uuid[])
    ORDER BY f."timestampMs" NULLS LAST, f."sourceName", f.id
    LIMIT ${limit}::int
    FOR UPDATE OF f SKIP LOCKED`;
}

/**
 * Which of the locked frames still have room. A later statement than the one that locked them, so
 * under READ COMMITTED it sees the leases committed by whoever held a frame's lock before us.
 */
export async function filterWithRoom(tx: Tx, who: Who, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT f.id FROM "Frame" f WHERE f.id = ANY(${ids}::uuid[]) AND ${eligible(who)}`;
  return new Set(rows.map((row) => row.id));
}

/** Leases (or re-leases) frames to the user and drops other people's expired leases on them. */
export async function writeLeases(tx: Tx, who: Who, ids: string[], leaseSeconds: number) {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "FrameLease" WHERE "frameId" = ANY(${ids}::uuid[]) AND "userId" <> ${who.userId}::uuid AND "expiresAt" <= ${NOW_UTC}`;
  await tx.$executeRaw`
    INSERT INTO "FrameLease" ("frameId", "userId", "expiresAt", "updatedAt")
    SELECT id, ${who.userId}::uuid, ${NOW_UTC} + ${leaseSeconds}::int * interval '1 second', ${NOW_UTC}
    FROM unnest(${ids}::uuid[]) AS id
    ON CONFLICT ("frameId", "userId") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = EXCLUDED."updatedAt"`;
}
