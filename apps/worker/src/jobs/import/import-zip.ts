import { MediaError, normaliseFrame, readZipImages } from "@kao/media";
import type { ItemContext } from "./context.ts";

/** A zip of images → one frame per image entry; bad entries are reported and skipped. */
export async function importZip(ctx: ItemContext) {
  const { path, release } = await ctx.storage.localPath(ctx.upload.storageKey);
  const problems: string[] = [];
  try {
    ctx.writer.reset();
    for await (const entry of readZipImages({ path })) {
      if (ctx.signal.aborted) break;
      ctx.progress.add({ total: 1 });
      const sourceName = `${ctx.item.fileName}/${entry.name}`;
      if ("error" in entry) {
        problems.push(entry.error.message);
        ctx.progress.add({ done: 1, failed: 1 }, { id: ctx.item.id, delta: { failed: 1 } });
        continue;
      }
      try {
        const frame = await normaliseFrame({ input: entry.data, fileName: sourceName });
        const outcome = await ctx.writer.write(frame, { sourceName, videoId: null, timestampMs: null });
        ctx.progress.add({ done: 1 }, { id: ctx.item.id, delta: outcome === "added" ? { framesAdded: 1 } : { duplicates: 1 } });
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        problems.push(error.message);
        ctx.progress.add({ done: 1, failed: 1 }, { id: ctx.item.id, delta: { failed: 1 } });
      }
      await ctx.progress.maybeFlush();
    }
  } finally {
    await release();
  }
  return problems.length ? summarise(problems) : null;
}

function summarise(problems: string[]) {
  const shown = problems.slice(0, 20).join("\n");
  return problems.length > 20 ? `${shown}\n… and ${problems.length - 20} more` : shown;
}
