import type { JobKind } from "@kao/db";
import { connectQueue, QUEUES, type JobQueue } from "@kao/queue";
import pg from "pg";

const queueOf: Record<JobKind, JobQueue> = {
  IMPORT: QUEUES.import,
  EXTRACT: QUEUES.extract,
  TRAIN: QUEUES.train,
  PREDICT: QUEUES.predict,
  DOWNLOAD: QUEUES.download,
};

/**
 * The backup leaves pg-boss's queue out, so jobs that were waiting get their message again here.
 * Running ones need nothing: their heartbeat is stale, and the worker's stale-job check resumes them.
 */
export async function requeueWaitingJobs(options: { connectionString: string; log?: (line: string) => void }) {
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  const { rows } = await client
    .query<{ id: string; kind: JobKind }>(`SELECT id, kind FROM "Job" WHERE status = 'QUEUED' AND "cancelRequestedAt" IS NULL ORDER BY "createdAt"`)
    .finally(() => client.end());
  if (rows.length === 0) return { requeued: 0, failed: 0 };
  const queue = await connectQueue({ connectionString: options.connectionString, poolSize: 1, applicationName: "kao-restore" });
  let failed = 0;
  try {
    for (const job of rows) {
      await queue.send(queueOf[job.kind], { jobId: job.id }, { singletonKey: job.id }).catch((error: unknown) => {
        failed++;
        options.log?.(`could not queue ${job.kind} job ${job.id} again (${error instanceof Error ? error.message : String(error)}); start it again from the web app`);
      });
    }
  } finally {
    await queue.stop();
  }
  return { requeued: rows.length - failed, failed };
}
