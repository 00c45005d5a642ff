import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "@kao/db";
import { isSameScene, type NormalisedFrame } from "@kao/media";
import { frameKeys, type BlobStorage } from "@kao/storage";

export type FrameSource = { sourceName: string; videoId: string | null; timestampMs: number | null };
export type WriteOutcome = "added" | "duplicate";

/**
 * Stores normalised frames and their rows. Exact duplicates (same decoded pixels in the dataset) are
 * skipped by the database's unique key, which also makes a resumed import idempotent. Consecutive
 * near-identical frames (by perceptual hash) share a scene.
 */
export class FrameWriter {
  private previousHash: bigint | null = null;
  private sceneId: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly storage: BlobStorage,
    private readonly target: { datasetId: string; titleId: string },
  ) {}

  /** Continue scene grouping after the last frame of an earlier run (resume). */
  resumeAfter(last: { phash: bigint | null; sceneId: string | null } | null) {
    this.previousHash = last?.phash ?? null;
    this.sceneId = last?.sceneId ?? null;
  }

  /** Starts a new sequence (a new file): its first frame opens a new scene. */
  reset() {
    this.previousHash = null;
    this.sceneId = null;
  }

  async write(frame: NormalisedFrame, source: FrameSource): Promise<WriteOutcome> {
    let outcome: WriteOutcome = "duplicate";
    await this.writeMany([{ frame, source }], (written) => (outcome = written));
    return outcome;
  }

  /**
   * Writes consecutive frames (a video's, in timestamp order) as a batch: one duplicate check and one
   * insert for all of them, where frame by frame it took two queries each, most of the database's
   * share of an import. `onWritten` hears each stored frame's outcome, in order.
   *
   * When storage fails (a full disk), the frames before the failing one are still stored, rows and
   * all, and then the error is thrown: a resume carries on after the last stored frame, so the stored
   * frames must be a prefix of the batch, and the caller's counts must include them.
   */
  async writeMany(frames: readonly { frame: NormalisedFrame; source: FrameSource }[], onWritten: (outcome: WriteOutcome) => void): Promise<void> {
    if (frames.length === 0) return;
    const { datasetId, titleId } = this.target;
    const stored = await this.db.frame.findMany({ where: { datasetId, sha256: { in: frames.map(({ frame }) => frame.sha256) } }, select: { sha256: true } });
    const known = new Set(stored.map((row) => row.sha256));

    // Each frame's row, or null for a duplicate (in the dataset already, or earlier in this batch).
    // Scene grouping looks at duplicates too: a duplicate may well end a scene.
    const rows: (Prisma.FrameCreateManyInput | null)[] = [];
    const scenes: Prisma.SceneCreateManyInput[] = []; // opened by this batch, stored with its rows
    for (const { frame, source } of frames) {
      const newScene = !this.sceneId || !isSameScene(this.previousHash, frame.dhash);
      this.previousHash = frame.dhash;
      if (newScene) this.sceneId = null;
      if (known.has(frame.sha256)) {
        rows.push(null);
        continue;
      }
      known.add(frame.sha256);
      // Scenes are created lazily, so runs of duplicates leave no empty scenes behind.
      if (!this.sceneId) {
        this.sceneId = randomUUID();
        scenes.push({ id: this.sceneId, datasetId, videoId: source.videoId });
      }
      rows.push({
        datasetId,
        titleId,
        videoId: source.videoId,
        sceneId: this.sceneId,
        timestampMs: source.timestampMs,
        sourceName: source.sourceName,
        storageKey: frameKeys(datasetId, frame.sha256).prefix,
        sha256: frame.sha256,
        phash: frame.dhash,
        width: frame.width,
        height: frame.height,
      });
    }

    // Blobs first, rows second: a crash in between leaves files that the retry overwrites, never a row
    // without its image. Frame after frame (each frame's three files at once), so that a failure
    // leaves every earlier frame complete.
    let complete = frames.length;
    let failure: unknown = null;
    for (const [index, { frame }] of frames.entries()) {
      if (rows[index] === null) continue;
      const keys = frameKeys(datasetId, frame.sha256);
      try {
        await Promise.all([this.storage.put(keys.image, frame.image), this.storage.put(keys.display, frame.display), this.storage.put(keys.thumbnail, frame.thumbnail)]);
      } catch (error) {
        complete = index;
        failure = error;
        break;
      }
    }

    const kept = rows.slice(0, complete);
    const data = kept.filter((row) => row !== null);
    // New scenes go in with their first frames, in one transaction: a full disk or a killed worker
    // never leaves a scene without frames. skipDuplicates: another import into this dataset may have
    // stored the same pixels meanwhile.
    const used = new Set(data.map((row) => row.sceneId));
    const created =
      data.length > 0
        ? (
            await this.db.$transaction([
              this.db.scene.createMany({ data: scenes.filter((scene) => used.has(scene.id)) }),
              this.db.frame.createManyAndReturn({ data, skipDuplicates: true, select: { sha256: true } }),
            ])
          )[1]
        : [];
    const inserted = new Set(created.map((row) => row.sha256));
    for (const row of kept) onWritten(row !== null && inserted.has(row.sha256) ? "added" : "duplicate");
    if (complete < frames.length) throw failure;
  }
}
