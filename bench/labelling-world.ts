// The labelling benchmark's data: one big dataset seeded in bulk, labellers with API tokens, and the
// check afterwards that concurrent labelling left the counts exact.
import { createApiTokenForUser, systemViewer } from "@kao/api";
import type { Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";

/**
 * `frames` frames in one dataset, spread over a few titles and scenes of ~20 frames, inserted by
 * Postgres itself (generate_series): an ORM round trip per row would take longer than the benchmark.
 */
export async function seedLabellingWorld(db: Db, options: { frames: number; labellers: number; overlap: number }) {
  const dataset = await seedDataset(db, { overlap: options.overlap });
  const titles = [];
  for (const name of ["Bench A", "Bench B", "Bench C", "Bench D", "Bench E"]) titles.push((await seedTitle(db, { datasetId: dataset.id, name })).id);
  const sceneCount = Math.max(1, Math.ceil(options.frames / 20));
  const scenes = (
    await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Scene" ("datasetId", "updatedAt") SELECT ${dataset.id}::uuid, now() FROM generate_series(1, ${sceneCount}::int) RETURNING id`
  ).map((row) => row.id);
  await db.$executeRaw`
    INSERT INTO "Frame" ("datasetId", "titleId", "sceneId", "timestampMs", "sourceName", "storageKey", sha256, width, height, "updatedAt")
    SELECT ${dataset.id}::uuid, (${titles}::uuid[])[1 + (i / 20) % 5], (${scenes}::uuid[])[1 + i / 20], (i % 20) * 1000,
           'bench-' || i || '.jpg', 'bench/' || i || '.jpg', md5(i::text) || md5((-i)::text), 1280, 720, now()
    FROM generate_series(0, ${options.frames - 1}::int) AS i`;
  await db.$executeRaw`ANALYZE "Frame"`;

  const labellers = [];
  for (let i = 0; i < options.labellers; i++) {
    const user = await seedUser(db, { role: "LABELER" });
    await db.datasetMember.create({ data: { datasetId: dataset.id, userId: user.id } });
    const { token } = await createApiTokenForUser({ db, viewer: systemViewer, ip: "bench" }, user.id, { name: "bench" });
    labellers.push({ id: user.id, token });
  }
  return { datasetId: dataset.id, ruleNames: dataset.ruleNames, labellers };
}

/** Everything that would be wrong after concurrent labelling; empty when the counts are exact. */
export async function verifyLabelling(db: Db, datasetId: string, overlap: number): Promise<{ problems: string[]; annotations: number; frames: Record<string, number> }> {
  const [row] = await db.$queryRaw<{ duplicates: number; over: number; drift: number; status: number; consensus: number; annotations: number }[]>`
    WITH counted AS (
      SELECT f.id, f."labelCount", f."labelStatus", count(a.id)::int AS n, count(DISTINCT a."userId")::int AS people, c.method
      FROM "Frame" f LEFT JOIN "Annotation" a ON a."frameId" = f.id LEFT JOIN "Consensus" c ON c."frameId" = f.id
      WHERE f."datasetId" = ${datasetId}::uuid GROUP BY f.id, c.method
    )
    SELECT count(*) FILTER (WHERE n <> people)::int AS duplicates,
           count(*) FILTER (WHERE n > ${overlap}::int)::int AS over,
           count(*) FILTER (WHERE n <> "labelCount")::int AS drift,
           count(*) FILTER (WHERE ("labelStatus" = 'OPEN') <> (n < ${overlap}::int) AND method IS DISTINCT FROM 'ADJUDICATED')::int AS status,
           count(*) FILTER (WHERE ("labelStatus" = 'DONE') <> (method IS NOT NULL))::int AS consensus,
           coalesce(sum(n), 0)::int AS annotations
    FROM counted`;
  const problems: string[] = [];
  if (!row) return { problems: ["no answer from the check"], annotations: 0, frames: {} };
  if (row.duplicates) problems.push(`${row.duplicates} frames with two annotations by one person`);
  if (row.over) problems.push(`${row.over} frames with more annotations than the overlap ${overlap}`);
  if (row.drift) problems.push(`${row.drift} frames whose labelCount differs from their annotations`);
  if (row.status) problems.push(`${row.status} frames whose labelStatus does not match their label count`);
  if (row.consensus) problems.push(`${row.consensus} frames DONE without a consensus or with one while not DONE`);
  const statuses = await db.frame.groupBy({ by: ["labelStatus"], where: { datasetId }, _count: { _all: true } });
  return { problems, annotations: row.annotations, frames: Object.fromEntries(statuses.map((status) => [status.labelStatus, status._count._all])) };
}
