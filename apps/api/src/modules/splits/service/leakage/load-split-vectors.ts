import type { Db } from "@kao/db";
import { normaliseRows } from "@kao/ml";
import { badInput } from "../../../../errors.ts";
import { LEAKAGE_SPLITS, type LeakageSplit } from "./near-pairs.ts";

/** Rows per query: 2,000 vectors of 2,048 floats are 16 MB, and the pages keep the API's memory flat. */
const PAGE = 2000;
const NO_ID = "00000000-0000-0000-0000-000000000000";

export interface SplitVectors {
  split: LeakageSplit;
  frameIds: string[];
  /** frameIds.length × dimensions, row-major, each row of unit length (cosine = dot product). */
  vectors: Float32Array;
}

export interface LoadedSplitVectors {
  /** Frames in the version. */
  frames: number;
  /** Of those, frames with a vector for the backbone. */
  withVector: number;
  /** One entry per split that has vectors, in LEAKAGE_SPLITS order. */
  splits: SplitVectors[];
}

/**
 * The feature vectors of a split version's frames under one backbone, by split, unit-normalised. Counted
 * first so that each split's matrix is allocated once, then filled by keyset pages and normalised in place.
 */
export async function loadSplitVectors(db: Db, options: { splitVersionId: string; backbone: { id: string; dims: number } }): Promise<LoadedSplitVectors> {
  const { splitVersionId, backbone } = options;
  const dimensions = backbone.dims;
  const counts = await db.$queryRaw<{ split: string; frames: number; vectors: number }[]>`
    SELECT a.split::text AS split, count(*)::int AS frames, count(v."frameId")::int AS vectors
      FROM "SplitAssignment" a
      LEFT JOIN "FeatureVector" v ON v."frameId" = a."frameId" AND v."backboneId" = ${backbone.id}::uuid
     WHERE a."splitVersionId" = ${splitVersionId}::uuid
     GROUP BY a.split`;
  const splits = new Map<LeakageSplit, SplitVectors & { bytes: Uint8Array; filled: number }>();
  for (const split of LEAKAGE_SPLITS) {
    const rows = counts.find((count) => count.split === split)?.vectors ?? 0;
    if (rows > 0) {
      const vectors = new Float32Array(rows * dimensions);
      splits.set(split, { split, frameIds: [], vectors, bytes: new Uint8Array(vectors.buffer), filled: 0 });
    }
  }

  for (let after = NO_ID; ; ) {
    const page = await db.$queryRaw<{ id: string; split: string; vector: Uint8Array }[]>`
      SELECT a."frameId" AS id, a.split::text AS split, v.vector
        FROM "SplitAssignment" a
        JOIN "FeatureVector" v ON v."frameId" = a."frameId" AND v."backboneId" = ${backbone.id}::uuid
       WHERE a."splitVersionId" = ${splitVersionId}::uuid AND a."frameId" > ${after}::uuid
       ORDER BY a."frameId"
       LIMIT ${PAGE}`;
    for (const row of page) {
      const target = splits.get(row.split as LeakageSplit);
      if (!target) continue; // not a split the report compares
      if ((target.filled + 1) * dimensions > target.vectors.length) throw changedMeanwhile();
      if (row.vector.byteLength !== dimensions * 4) {
        throw badInput(`Frame ${row.id} has a feature vector of ${row.vector.byteLength / 4} values, but the backbone has ${dimensions}: extract its features again.`);
      }
      // Copied byte-wise: Postgres's buffers need not be 4-byte aligned for a Float32Array view.
      target.bytes.set(row.vector, target.filled * dimensions * 4);
      target.filled += 1;
      target.frameIds.push(row.id);
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = last.id;
  }

  const loaded = [...splits.values()];
  for (const split of loaded) {
    // Vectors written or deleted between the queries (an extraction running) leave a matrix half full.
    if (split.filled * dimensions !== split.vectors.length) throw changedMeanwhile();
    normaliseRows({ features: split.vectors, dimensions, out: split.vectors });
  }
  return {
    frames: counts.reduce((sum, count) => sum + count.frames, 0),
    withVector: loaded.reduce((sum, split) => sum + split.filled, 0),
    splits: loaded.map(({ split, frameIds, vectors }) => ({ split, frameIds, vectors })),
  };
}

const changedMeanwhile = () => badInput("Feature vectors of this split version changed while the report was read (is an extraction running?); try again.");
