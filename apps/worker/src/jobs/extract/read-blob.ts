import { buffer } from "node:stream/consumers";
import { BlobNotFoundError, type BlobStorage } from "@kao/storage";

/** A blob's bytes, or null when it is missing (the frame is reported, the job goes on). */
export async function readBlob(storage: BlobStorage, key: string): Promise<Buffer | null> {
  try {
    const { stream } = await storage.read(key);
    return await buffer(stream);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return null;
    throw error;
  }
}
