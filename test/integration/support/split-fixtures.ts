import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Db } from "@kao/db";
import { frameKeys, type BlobStorage } from "@kao/storage";

export type SeedLabel = "FACE" | "NO_FACE" | "UNSURE" | null;

export interface SeededFrame {
  id: string;
  sha256: string;
  sceneId: string | null;
  titleId: string;
  label: SeedLabel;
  phash: bigint;
}

const randomHash = () => BigInt.asIntN(64, randomBytes(8).readBigUInt64BE());

/**
 * A title with labelled frames, written straight to the database (no labelling code involved): one scene
 * per entry of `scenes` (its frames' consensus labels; null = no consensus), and `loose` frames without a
 * scene. Frames of a scene get near-identical dHashes (one bit apart), as the importer's scenes have.
 */
export async function seedLabelledTitle(
  db: Db,
  options: { datasetId: string; name?: string; distinct?: boolean; scenes?: SeedLabel[][]; loose?: SeedLabel[]; hashOfScene?: (scene: number) => bigint },
) {
  const title = await db.title.create({
    data: { datasetId: options.datasetId, name: options.name ?? `Title ${randomUUID().slice(0, 8)}`, isDistinct: options.distinct ?? false },
  });
  const frames: SeededFrame[] = [];
  const add = async (sceneId: string | null, labels: SeedLabel[], base: bigint) => {
    for (const [i, label] of labels.entries()) {
      const sha256 = randomBytes(32).toString("hex");
      const phash = BigInt.asIntN(64, base ^ (i === 0 ? 0n : 1n << BigInt(i % 64)));
      const frame = await db.frame.create({
        data: {
          datasetId: options.datasetId,
          titleId: title.id,
          sceneId,
          timestampMs: sceneId ? i * 1000 : null,
          sourceName: `${sha256.slice(0, 8)}.jpg`,
          storageKey: frameKeys(options.datasetId, sha256).image,
          sha256,
          phash,
          width: 32,
          height: 24,
          ...(label ? { labelStatus: "DONE" as const, consensus: { create: { label, method: "UNANIMOUS" as const } } } : {}),
        },
      });
      frames.push({ id: frame.id, sha256, sceneId, titleId: title.id, label, phash });
    }
  };
  for (const [s, labels] of (options.scenes ?? []).entries()) {
    const scene = await db.scene.create({ data: { datasetId: options.datasetId } });
    await add(scene.id, labels, options.hashOfScene?.(s) ?? randomHash());
  }
  for (const label of options.loose ?? []) await add(null, [label], randomHash());
  return { title, frames };
}

/** `n` scenes of `size` frames each, labels alternating by scene. */
export const scenesOf = (n: number, size: number, labels: SeedLabel[] = ["FACE", "NO_FACE"]): SeedLabel[][] =>
  Array.from({ length: n }, (_, s) => Array.from({ length: size }, () => labels[s % labels.length] ?? "FACE"));

/** Stores a small JPEG as a frame's full-size image, as the importer would; returns its bytes. */
export async function storeFrameImage(storage: BlobStorage, datasetId: string, sha256: string): Promise<Buffer> {
  const colour = { r: parseInt(sha256.slice(0, 2), 16), g: parseInt(sha256.slice(2, 4), 16), b: parseInt(sha256.slice(4, 6), 16) };
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: colour } }).jpeg().toBuffer();
  await storage.put(frameKeys(datasetId, sha256).image, jpeg);
  return jpeg;
}

export const SPLIT_VERSION_FIELDS = `id name seed locked lockedAt current frameCount pendingCount staleCount
  ratios { train val test }
  splits { split frames face noFace unlabelled faceShare }
  titles { title { id name isDistinct } splits { split frames face noFace } }
  exportUrls { csv jsonl zip }`;

export interface SplitCountView {
  split: string;
  frames: number;
  face: number;
  noFace: number;
  unlabelled?: number;
  faceShare?: number | null;
}

export interface SplitVersionView {
  id: string;
  name: string;
  seed: number;
  locked: boolean;
  lockedAt: string | null;
  current: boolean;
  frameCount: number;
  pendingCount: number;
  staleCount: number;
  ratios: { train: number; val: number; test: number };
  splits: SplitCountView[];
  titles: { title: { id: string; name: string; isDistinct: boolean }; splits: SplitCountView[] }[];
  exportUrls: { csv: string; jsonl: string; zip: string };
}

export const CREATE_SPLIT = `mutation($datasetId: ID!, $input: CreateSplitInput!) {
  createSplit(datasetId: $datasetId, input: $input) {
    __typename
    ... on CreateSplitSuccess { data { ${SPLIT_VERSION_FIELDS} } }
    ... on Error { message }
    ... on ValidationError { inputErrors { path message } }
  }
}`;

export type Result<T> = { __typename: string; message?: string; data?: T; inputErrors?: { path: string; message: string }[] };

/** Assignments of a version as frameId → split, straight from the database. */
export async function assignmentsOf(db: Db, splitVersionId: string) {
  const rows = await db.splitAssignment.findMany({ where: { splitVersionId }, select: { frameId: true, split: true } });
  return new Map(rows.map((row) => [row.frameId, row.split]));
}
