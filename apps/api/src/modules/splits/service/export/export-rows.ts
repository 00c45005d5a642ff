import { Prisma, type Db } from "@kao/db";
import type { AssignedSplit, SplitLabel } from "../splitter/split-frames.ts";
import { SPLITTABLE_LABELS } from "../sql.ts";

/** One exported frame: its consensus label and where it sits in the split version. */
export interface ExportRow {
  frameId: string;
  sha256: string;
  label: SplitLabel;
  split: AssignedSplit;
  title: string;
  distinct: boolean;
  sceneId: string | null;
  videoId: string | null;
  video: string | null;
  episode: string | null;
  timestampMs: number | null;
  sourceName: string;
}

const PAGE = 2000;
type Key = { split: string; title: string; video: string; timestampMs: number; frameId: string };

/**
 * A version's frames with a FACE / NO_FACE consensus, by split, title, video and time, a page at a time
 * (keyset pagination), so an export of any size holds one page in memory. Frames whose consensus was
 * withdrawn or became UNSURE after they were assigned are left out.
 */
export async function* exportRows(db: Db, splitVersionId: string): AsyncGenerator<ExportRow[]> {
  let after: Key | null = null;
  for (;;) {
    const rows: (ExportRow & { sortVideo: string; sortTimestamp: number })[] = await db.$queryRaw`
      SELECT f.id AS "frameId", f.sha256, c.label::text AS label, a.split::text AS split, t.name AS title, t."isDistinct" AS distinct,
             f."sceneId", f."videoId", v."fileName" AS video, v.episode, f."timestampMs", f."sourceName",
             coalesce(v."fileName", '') AS "sortVideo", coalesce(f."timestampMs", -1) AS "sortTimestamp"
        FROM "SplitAssignment" a
        JOIN "Frame" f ON f.id = a."frameId"
        JOIN "Consensus" c ON c."frameId" = f.id
        JOIN "Title" t ON t.id = f."titleId"
        LEFT JOIN "Video" v ON v.id = f."videoId"
       WHERE a."splitVersionId" = ${splitVersionId}::uuid AND c.label IN ${SPLITTABLE_LABELS}
         ${after ? Prisma.sql`AND (a.split, t.name, coalesce(v."fileName", ''), coalesce(f."timestampMs", -1), f.id) > (${after.split}::"Split", ${after.title}, ${after.video}, ${after.timestampMs}::int, ${after.frameId}::uuid)` : Prisma.empty}
       ORDER BY a.split, t.name, coalesce(v."fileName", ''), coalesce(f."timestampMs", -1), f.id
       LIMIT ${PAGE}::int`;
    if (rows.length === 0) return;
    yield rows.map(({ sortVideo: _video, sortTimestamp: _timestamp, ...row }) => row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = { split: last.split, title: last.title, video: last.sortVideo, timestampMs: last.sortTimestamp, frameId: last.frameId };
  }
}
