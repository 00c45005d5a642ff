import type { Db, Prisma } from "@kao/db";
import { createCandidateScorer, rankByUncertainty, scorePriorities, selectDiverseBatch, standardiseRows, type SvmModel } from "@kao/ml";
import { packVectors } from "./vectors.ts";
import { writePredictions } from "./write-predictions.ts";

const PAGE = 500;
/** The uncertain pool the diverse batch is drawn from, as a multiple of the batch (selectDiverseBatch's poolFactor). */
const POOL_FACTOR = 10;

export interface Suggestions {
  runId: string;
  /** Unlabelled frames scored. */
  candidates: number;
  /** Frame ids of the batch, in the order they should be labelled. */
  batch: string[];
}

/**
 * Active learning: scores the dataset's unlabelled frames with a run's model and writes
 * `Frame.priority`, the labelling queue's order: the diverse batch of uncertain frames first, then
 * everything else by uncertainty. Only frames the model may learn from are scored: never frames of
 * distinct titles or of the TEST/DISTINCT splits, whose priority goes back to 0 (a held-out frame
 * picked for being hard would no longer be a fair test). Their decisions are stored as the run's
 * predictions, which is where reviewers read "why this frame".
 */
export async function suggestFrames(
  db: Db,
  options: { datasetId: string; backboneId: string; splitVersionId: string | null; runId: string; model: SvmModel; batchSize: number; checkpoint: () => Promise<void> },
): Promise<Suggestions> {
  const heldOut = ["TEST", "DISTINCT"] as const;
  const where: Prisma.FrameWhereInput = {
    datasetId: options.datasetId,
    labelStatus: "OPEN",
    consensus: { is: null },
    split: { notIn: [...heldOut] },
    title: { isDistinct: false },
    featureVectors: { some: { backboneId: options.backboneId } },
    ...(options.splitVersionId ? { splitAssignments: { none: { splitVersionId: options.splitVersionId, split: { in: [...heldOut] } } } } : {}),
  };
  const frameIds: string[] = [];
  const sceneIds: (string | null)[] = [];
  const decisionChunks: Float64Array[] = [];
  let cursor: string | undefined;
  // Prepares the support vectors once for every page (bench/active-learning.ts: 0.77× numpy's time at 100k frames).
  const score = createCandidateScorer(options.model);
  for (;;) {
    await options.checkpoint();
    const page = await db.frame.findMany({
      where,
      select: { id: true, sceneId: true, featureVectors: { where: { backboneId: options.backboneId }, select: { vector: true } } },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    const features = packVectors(page.map((frame) => frame.featureVectors[0]?.vector ?? new Uint8Array(0)), options.model.dimensions);
    const decisions = await score(features);
    await writePredictions(db, options.runId, { frameIds: page.map((frame) => frame.id), decisions });
    for (const frame of page) {
      frameIds.push(frame.id);
      sceneIds.push(frame.sceneId);
    }
    decisionChunks.push(decisions);
    if (page.length < PAGE) break;
    cursor = page.at(-1)?.id;
  }
  const decisions = concat(decisionChunks);
  const batch = await selectBatch(db, { ...options, frameIds, sceneIds, decisions });
  const priorities = scorePriorities({ decisions, batch });

  await db.$transaction([
    db.$executeRaw`UPDATE "Frame" SET priority = 0 WHERE "datasetId" = ${options.datasetId}::uuid AND priority <> 0`,
    // Raw, leaving updatedAt alone: the review queue reads it as "entered review at".
    db.$executeRaw`
      UPDATE "Frame" f SET priority = v.priority
        FROM unnest(${frameIds}::uuid[], ${Array.from(priorities)}::float8[]) AS v(id, priority)
       WHERE f.id = v.id`,
  ]);
  return { runId: options.runId, candidates: frameIds.length, batch: batch.map((index) => frameIds[index] ?? "") };
}

/** k-center greedy needs the vectors of the uncertain pool only, loaded again rather than all kept in memory. */
async function selectBatch(
  db: Db,
  options: { backboneId: string; model: SvmModel; batchSize: number; frameIds: string[]; sceneIds: (string | null)[]; decisions: Float64Array },
): Promise<number[]> {
  const { decisions, batchSize } = options;
  const pool = rankByUncertainty(decisions).slice(0, batchSize * POOL_FACTOR);
  if (pool.length === 0 || batchSize === 0) return [];
  const poolIds = pool.map((index) => options.frameIds[index] ?? "");
  const rows = await db.featureVector.findMany({ where: { backboneId: options.backboneId, frameId: { in: poolIds } }, select: { frameId: true, vector: true } });
  const vectorOf = new Map(rows.map((row) => [row.frameId, row.vector]));
  const { dimensions, standardiser } = options.model;
  const raw = packVectors(poolIds.map((id) => vectorOf.get(id) ?? new Uint8Array(0)), dimensions);
  // Distances in the space the model itself works in.
  const features = standardiser ? standardiseRows({ features: raw, dimensions, standardiser }) : raw;
  const picked = selectDiverseBatch({
    decisions: Float64Array.from(pool, (index) => decisions[index] as number),
    features,
    dimensions,
    groups: pool.map((index) => options.sceneIds[index] ?? null),
    batchSize,
    poolFactor: Math.max(1, pool.length / batchSize),
  });
  return picked.map((k) => pool[k] as number);
}

function concat(chunks: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
