import type { Db } from "@kao/db";

interface Counters {
  done: number;
  total: number;
  failed: number;
}
interface ItemCounters {
  framesAdded: number;
  duplicates: number;
  failed: number;
}

/**
 * Counts progress in memory and writes it at most every `flushMs` (a frame per few ms would otherwise
 * mean a database write per frame). Increments are relative, so a resumed job adds to what it had.
 */
export class Progress {
  private job: Counters = { done: 0, total: 0, failed: 0 };
  private items = new Map<string, ItemCounters>();
  private lastFlush = 0;

  constructor(
    private readonly db: Db,
    private readonly jobId: string,
    private readonly flushMs = 500,
  ) {}

  add(delta: Partial<Counters>, item?: { id: string; delta: Partial<ItemCounters> }) {
    this.job.done += delta.done ?? 0;
    this.job.total += delta.total ?? 0;
    this.job.failed += delta.failed ?? 0;
    if (item) {
      const counters = this.items.get(item.id) ?? { framesAdded: 0, duplicates: 0, failed: 0 };
      counters.framesAdded += item.delta.framesAdded ?? 0;
      counters.duplicates += item.delta.duplicates ?? 0;
      counters.failed += item.delta.failed ?? 0;
      this.items.set(item.id, counters);
    }
  }

  async maybeFlush() {
    if (Date.now() - this.lastFlush >= this.flushMs) await this.flush();
  }

  async flush() {
    this.lastFlush = Date.now();
    const job = this.job;
    const items = [...this.items.entries()];
    this.job = { done: 0, total: 0, failed: 0 };
    this.items.clear();
    await this.db.$transaction([
      this.db.job.update({ where: { id: this.jobId }, data: { done: { increment: job.done }, total: { increment: job.total }, failed: { increment: job.failed } } }),
      ...items.map(([id, counters]) =>
        this.db.importItem.update({
          where: { id },
          data: { framesAdded: { increment: counters.framesAdded }, duplicates: { increment: counters.duplicates }, failed: { increment: counters.failed } },
        }),
      ),
    ]);
  }
}
