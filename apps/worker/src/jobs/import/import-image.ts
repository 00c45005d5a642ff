import { buffer } from "node:stream/consumers";
import { normaliseFrame } from "@kao/media";
import type { ItemContext } from "./context.ts";

/** One still image → one frame. */
export async function importImage(ctx: ItemContext) {
  ctx.progress.add({ total: 1 });
  const { stream } = await ctx.storage.read(ctx.upload.storageKey);
  const frame = await normaliseFrame({ input: await buffer(stream), fileName: ctx.item.fileName });
  ctx.writer.reset();
  const outcome = await ctx.writer.write(frame, { sourceName: ctx.item.fileName, videoId: null, timestampMs: null });
  ctx.progress.add({ done: 1 }, { id: ctx.item.id, delta: outcome === "added" ? { framesAdded: 1 } : { duplicates: 1 } });
  return outcome === "duplicate" ? `${ctx.item.fileName}: already in the dataset (same pixels), skipped.` : null;
}
