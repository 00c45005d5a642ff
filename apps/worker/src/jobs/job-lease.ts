import type { Db, Job } from "@kao/db";

/**
 * A kao Job is run by one worker at a time: the worker claims it, then keeps a heartbeat. A job whose
 * heartbeat is older than `staleAfterMs` belonged to a worker that died, and any worker may claim it
 * and resume. This, not the queue's expiry, is what makes a killed import resume within a minute.
 */
export async function claimJob(db: Db, options: { jobId: string; workerId: string; staleAfterMs: number }): Promise<Job | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
       SET status = 'RUNNING', "workerId" = ${options.workerId}, "heartbeatAt" = now(),
           "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
     WHERE id = ${options.jobId}::uuid
       AND "cancelRequestedAt" IS NULL
       AND (status = 'QUEUED'
            OR (status = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${options.staleAfterMs / 1000}))))
    RETURNING id`;
  if (rows.length === 0) return null;
  return db.job.findUnique({ where: { id: options.jobId } });
}

/** Running jobs whose worker stopped beating: to be queued again. */
export async function findStaleJobs(db: Db, staleAfterMs: number) {
  return db.job.findMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - staleAfterMs) } }] },
    select: { id: true, kind: true, cancelRequestedAt: true },
  });
}

/**
 * Whether a user asked to stop the job, read now. Jobs call it at their batch boundaries, so that a
 * cancel takes effect after the batch in hand rather than at the next heartbeat (seconds later).
 */
export async function isCancelRequested(db: Db, jobId: string): Promise<boolean> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { cancelRequestedAt: true } });
  return Boolean(job?.cancelRequestedAt);
}

/**
 * Beats every `intervalMs` while the job runs and aborts `signal` when a user asks to cancel or
 * another worker has taken the job over (this one was presumed dead).
 */
export function startHeartbeat(db: Db, options: { jobId: string; workerId: string; intervalMs: number; onError: (error: unknown) => void }) {
  const controller = new AbortController();
  let reason: "cancelled" | "lost" | null = null;
  const beat = async () => {
    const { count } = await db.job.updateMany({ where: { id: options.jobId, workerId: options.workerId, status: "RUNNING" }, data: { heartbeatAt: new Date() } });
    if (count === 0) {
      reason = "lost";
      controller.abort();
      return;
    }
    if (await isCancelRequested(db, options.jobId)) {
      reason = "cancelled";
      controller.abort();
    }
  };
  const timer = setInterval(() => beat().catch(options.onError), options.intervalMs);
  return {
    signal: controller.signal,
    reason: () => reason,
    stop: () => clearInterval(timer),
  };
}
