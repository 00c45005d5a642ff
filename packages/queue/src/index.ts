import PgBoss from "pg-boss";

/**
 * kao's job queue: pg-boss in its own `pgboss` schema of kao's database, so jobs survive restarts and
 * workers on several machines share them. The API enqueues; the worker (apps/worker) runs them.
 */
export const QUEUES = {
  maintenance: "kao.maintenance",
  import: "kao.import",
  extract: "kao.extract",
  train: "kao.train",
  predict: "kao.predict",
  download: "kao.download",
} as const;

/** Payloads by queue; a kao `Job` row holds progress, the queue message only points at it. */
export interface QueuePayloads {
  [QUEUES.maintenance]: Record<string, never>;
  [QUEUES.import]: { jobId: string };
  [QUEUES.extract]: { jobId: string };
  [QUEUES.train]: { jobId: string };
  [QUEUES.predict]: { jobId: string };
  [QUEUES.download]: { jobId: string };
}

/** Queues whose message is a kao Job id; the API enqueues these through one hook. */
export type JobQueue = typeof QUEUES.import | typeof QUEUES.extract | typeof QUEUES.train | typeof QUEUES.predict | typeof QUEUES.download;

export type Queue = Awaited<ReturnType<typeof connectQueue>>;

export async function connectQueue(options: { connectionString: string; poolSize?: number; applicationName: string; log?: (error: Error) => void }) {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: options.poolSize ?? 3,
    application_name: options.applicationName,
  });
  boss.on("error", (error: Error) => options.log?.(error));
  await boss.start();
  // Import jobs can run for an hour on a long video; a crashed worker's job is picked up again by the
  // heartbeat check (apps/worker), not by waiting for this expiry.
  await ensureQueue(boss, { name: QUEUES.import, retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 });
  await ensureQueue(boss, { name: QUEUES.extract, retryLimit: 3, retryDelay: 5, expireInSeconds: 12 * 3600 });
  await ensureQueue(boss, { name: QUEUES.train, retryLimit: 3, retryDelay: 5, expireInSeconds: 12 * 3600 });
  await ensureQueue(boss, { name: QUEUES.predict, retryLimit: 3, retryDelay: 5, expireInSeconds: 12 * 3600 });
  await ensureQueue(boss, { name: QUEUES.download, retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 });
  await ensureQueue(boss, { name: QUEUES.maintenance, policy: "singleton" });

  return {
    boss,
    send<Q extends keyof QueuePayloads>(queue: Q, payload: QueuePayloads[Q], options: PgBoss.SendOptions = {}) {
      return boss.send(queue, payload, options);
    },
    stop(graceful = true) {
      return boss.stop({ graceful, wait: true, timeout: 20_000 });
    },
  };
}

/**
 * Creates a queue unless it exists. The API and the worker start together (`npm start`), and
 * pg-boss 10's createQueue can deadlock with itself on a fresh database, so a deadlock is retried.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue & { name: string }) {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(queue.name)) return;
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      const deadlock = (error as { code?: string }).code === "40P01" || /deadlock|already exists/i.test(String(error));
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
    }
  }
}
