import type { Db, ImportItem, Upload } from "@kao/db";
import type { BlobStorage } from "@kao/storage";
import type { FrameWriter } from "./frame-writer.ts";
import type { Progress } from "./progress.ts";

/** What an importer of one file needs. */
export interface ItemContext {
  db: Db;
  storage: BlobStorage;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  job: { id: string; datasetId: string; titleId: string; episode: string | null; sampleFps: number };
  item: ImportItem;
  upload: Upload;
  writer: FrameWriter;
  progress: Progress;
  signal: AbortSignal;
}
