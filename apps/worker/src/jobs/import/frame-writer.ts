import type { Db } from "@kao/db";
import { isSameScene, type NormalisedFrame } from "@kao/media";
import { frameKeys, type BlobStorage } from "@kao/storage";

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

  async write(frame: NormalisedFrame, source: { sourceName: string; videoId: string | null; timestampMs: number | null }): Promise<"added" | "duplicate"> {
    const { datasetId, titleId } = this.target;
    const newScene = !this.sceneId || !isSameScene(this.previousHash, frame.dhash);
    this.previousHash = frame.dhash;
    if (newScene) this.sceneId = null;

    const existing = await this.db.frame.findUnique({ where: { datasetId_sha256: { datasetId, sha256: frame.sha256 } }, select: { id: true } });
    if (existing) return "duplicate";
    // Scenes are created lazily, so runs of duplicates leave no empty scenes behind.
    this.sceneId ??= (await this.db.scene.create({ data: { datasetId, videoId: source.videoId }, select: { id: true } })).id;
    // Blobs first, row second: a crash in between leaves files that the retry overwrites, never a row without its image.
    const keys = frameKeys(datasetId, frame.sha256);
    await Promise.all([
      this.storage.put(keys.image, frame.image),
      this.storage.put(keys.display, frame.display),
      this.storage.put(keys.thumbnail, frame.thumbnail),
    ]);
    const { count } = await this.db.frame.createMany({
      data: [
        {
          datasetId,
          titleId,
          videoId: source.videoId,
          sceneId: this.sceneId,
          timestampMs: source.timestampMs,
          sourceName: source.sourceName,
          storageKey: keys.prefix,
          sha256: frame.sha256,
          phash: frame.dhash,
          width: frame.width,
          height: frame.height,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1 ? "added" : "duplicate";
  }
}
