import type { Db, Job, Prisma } from "@kao/db";
import { logger } from "../../logger.ts";
import { claimJob, isCancelRequested, startHeartbeat } from "../job-lease.ts";

export interface LeasedJobRunner {
  db: Db;
  workerId: string;
  staleAfterMs: number;
}

/** Thrown by a job's work when the heartbeat says a user cancelled it or another worker took over. */
export class JobStopped extends Error {
  constructor() {
    super("the job was stopped");
    this.name = "JobStopped";
  }
}

export interface JobLease {
  /** Throws JobStopped once the heartbeat saw the job cancelled or taken over; cheap, for tight loops. */
  checkpoint(): void;
  /** Reads the cancel flag now and throws JobStopped when it is set (or the job was lost); call at batch boundaries. */
  stopIfCancelled(): Promise<void>;
  /** Aborted once the job is known to be cancelled or lost: for work that cannot stop at a checkpoint itself (the grid's threads). */
  signal: AbortSignal;
  /** A user asked to stop the job, as far as this worker has seen. */
  cancelled(): boolean;
  setProgress(data: { done?: number; total?: number }): Promise<void>;
}

/**
 * Claims a TRAIN or PREDICT job, keeps its heartbeat while `work` runs, and records the outcome:
 * SUCCEEDED with `work`'s result, CANCELLED (with the result, when `work` returned one after a cancel:
 * what it finished stays), or FAILED with the error's message (for people: the messages of these jobs
 * say what to do). A job taken over by another worker is left to that worker.
 */
export async function runLeasedJob(
  runner: LeasedJobRunner,
  jobId: string,
  what: string,
  work: (job: Job, lease: JobLease) => Promise<Prisma.InputJsonValue>,
): Promise<{ skipped: boolean }> {
  const job = await claimJob(runner.db, { jobId, workerId: runner.workerId, staleAfterMs: runner.staleAfterMs });
  if (!job) return { skipped: true };
  const heartbeat = startHeartbeat(runner.db, {
    jobId,
    workerId: runner.workerId,
    intervalMs: Math.max(250, runner.staleAfterMs / 4),
    onError: (error) => logger.error("heartbeat failed", { jobId, message: String(error) }),
  });
  const stop = new AbortController();
  heartbeat.signal.addEventListener("abort", () => stop.abort(new JobStopped()), { once: true });
  let cancelSeen = false;
  const lease: JobLease = {
    checkpoint() {
      if (stop.signal.aborted) throw new JobStopped();
    },
    async stopIfCancelled() {
      if (!cancelSeen && (await isCancelRequested(runner.db, jobId))) {
        cancelSeen = true;
        stop.abort(new JobStopped());
      }
      lease.checkpoint();
    },
    signal: stop.signal,
    cancelled: () => cancelSeen || heartbeat.reason() === "cancelled",
    async setProgress(data) {
      await runner.db.job.update({ where: { id: jobId }, data });
    },
  };
  const finish = (data: Prisma.JobUpdateManyMutationInput) =>
    // Only while this worker still holds the job: a successor's outcome must not be overwritten.
    runner.db.job.updateMany({ where: { id: jobId, workerId: runner.workerId, status: "RUNNING" }, data: { ...data, finishedAt: new Date(), heartbeatAt: null } });
  try {
    logger.info(`${what} started`, { jobId });
    const result = await work(job, lease);
    if (heartbeat.reason() === "lost") return { skipped: true };
    await finish(lease.cancelled() ? { status: "CANCELLED", result } : { status: "SUCCEEDED", result, error: null });
    logger.info(`${what} finished`, { jobId });
    return { skipped: false };
  } catch (error) {
    if (heartbeat.reason() === "lost") return { skipped: true };
    if (error instanceof JobStopped || lease.cancelled()) {
      await finish({ status: "CANCELLED" });
      logger.info(`${what} cancelled`, { jobId });
      return { skipped: false };
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`${what} failed`, { jobId, message });
    await finish({ status: "FAILED", error: message });
    return { skipped: false };
  } finally {
    heartbeat.stop();
  }
}
