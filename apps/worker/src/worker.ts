import PgBoss from "pg-boss";
import type { Db } from "@kao/db";
import { runMaintenance } from "./jobs/maintenance.ts";
import { logger } from "./logger.ts";
import { QUEUES } from "./queues.ts";

/**
 * The worker: pg-boss (its own `pgboss` schema in kao's database) runs jobs that survive restarts
 * and can be spread over several machines against the same database. Import, extraction and
 * training handlers register here as those capabilities land.
 */
export async function startWorker(options: { db: Db; connectionString: string; poolSize?: number }) {
  const boss = new PgBoss({ connectionString: options.connectionString, max: options.poolSize ?? 5, application_name: "kao-worker" });
  boss.on("error", (error: Error) => logger.error("queue error", { message: error.message }));
  await boss.start();

  await boss.createQueue(QUEUES.maintenance, { name: QUEUES.maintenance, policy: "singleton" });
  await boss.schedule(QUEUES.maintenance, "*/10 * * * *");
  await boss.work(QUEUES.maintenance, async () => {
    const result = await runMaintenance(options.db);
    logger.info("maintenance done", result);
    return result;
  });
  logger.info("worker ready", { queues: Object.values(QUEUES) });

  return {
    boss,
    async stop() {
      // Graceful: running jobs finish (or are retried by another worker after their expiry).
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
