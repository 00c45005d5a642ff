import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "@kao/db";
import { resolveFfmpeg } from "@kao/media";
import { QUEUES, connectQueue } from "@kao/queue";
import type { BlobStorage } from "@kao/storage";
import { MODEL_CATALOG, type CatalogModel, type ExecutionProvider } from "@kao/ml";
import { BackboneSessions } from "./jobs/extract/backbone-sessions.ts";
import { runExtract } from "./jobs/extract/run-extract.ts";
import { runDownload } from "./jobs/download/run-download.ts";
import { runPredict } from "./jobs/predict/run-predict.ts";
import { runTrain } from "./jobs/train/run-train.ts";
import { findStaleJobs } from "./jobs/job-lease.ts";
import { cancelAbandonedImport, runImport } from "./jobs/import/run-import.ts";
import { runMaintenance } from "./jobs/maintenance.ts";
import { logger } from "./logger.ts";

export interface WorkerOptions {
  db: Db;
  connectionString: string;
  storage: BlobStorage;
  /** KAO_FFMPEG: an ffmpeg binary to use instead of the one from npm. */
  ffmpegPath?: string;
  poolSize?: number;
  /** A running job whose heartbeat is older than this is taken over (its worker died). */
  staleAfterMs?: number;
  /** Relative backbone model paths are under this folder (KAO_DATA_DIR). */
  dataDir?: string;
  mlProvider?: ExecutionProvider;
  mlThreads?: number;
  /** Worker threads for an SVM grid; one per core when unset. */
  trainThreads?: number;
  /** The model catalog downloads come from (KAO_MODEL_CATALOG merged in); MODEL_CATALOG when unset. */
  modelCatalog?: readonly CatalogModel[];
}

/**
 * The worker: runs jobs from the pg-boss queue in kao's database, so they survive restarts and can
 * be spread over several machines. Long jobs keep a heartbeat on their kao Job row; jobs whose worker
 * died are queued again and resume where they stopped.
 */
export async function startWorker(options: WorkerOptions) {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const ffmpeg = resolveFfmpeg(options.ffmpegPath);
  const queue = await connectQueue({
    connectionString: options.connectionString,
    poolSize: options.poolSize,
    applicationName: "kao-worker",
    log: (error) => logger.error("queue error", { message: error.message }),
  });
  const { boss } = queue;

  await boss.schedule(QUEUES.maintenance, "*/10 * * * *");
  await boss.work(QUEUES.maintenance, async () => {
    const result = await runMaintenance({ db: options.db, storage: options.storage });
    logger.info("maintenance done", result);
    return result;
  });
  const runner = { db: options.db, storage: options.storage, ffmpeg, workerId, staleAfterMs };
  await boss.work<{ jobId: string }>(QUEUES.import, async ([message]) => {
    if (message) return runImport(runner, message.data.jobId);
    return undefined;
  });
  const sessions = new BackboneSessions({
    dataDir: options.dataDir ?? ".data",
    provider: options.mlProvider ?? "cpu",
    intraOpThreads: options.mlThreads,
    log: (level, message, data) => logger[level](message, data),
  });
  await boss.work<{ jobId: string }>(QUEUES.extract, async ([message]) => {
    if (message) return runExtract({ ...runner, sessions }, message.data.jobId);
    return undefined;
  });

  await boss.work<{ jobId: string }>(QUEUES.train, async ([message]) => {
    if (message) return runTrain({ ...runner, trainThreads: options.trainThreads }, message.data.jobId);
    return undefined;
  });
  await boss.work<{ jobId: string }>(QUEUES.predict, async ([message]) => {
    if (message) return runPredict(runner, message.data.jobId);
    return undefined;
  });
  await boss.work<{ jobId: string }>(QUEUES.download, async ([message]) => {
    if (message) return runDownload({ ...runner, dataDir: options.dataDir ?? ".data", modelCatalog: options.modelCatalog ?? MODEL_CATALOG }, message.data.jobId);
    return undefined;
  });

  // ML jobs resume from their own rows (vectors, runs, predictions already written); imports need more care.
  const resumeQueue = { EXTRACT: QUEUES.extract, TRAIN: QUEUES.train, PREDICT: QUEUES.predict, DOWNLOAD: QUEUES.download } as const;
  // Requeue jobs of dead workers now and then (and right away, after a crash and restart).
  const requeueStale = async () => {
    for (const job of await findStaleJobs(options.db, staleAfterMs)) {
      if (job.kind !== "IMPORT") {
        if (job.cancelRequestedAt) {
          await options.db.job.updateMany({ where: { id: job.id, status: "RUNNING" }, data: { status: "CANCELLED", finishedAt: new Date(), heartbeatAt: null } });
          continue;
        }
        logger.warn("resuming a job whose worker stopped", { jobId: job.id });
        await queue.send(resumeQueue[job.kind], { jobId: job.id });
        continue;
      }
      // Cancelled while its worker was dead: no worker may claim it, so finish the cancel here.
      if (job.cancelRequestedAt) {
        if (await cancelAbandonedImport(options.db, job.id, staleAfterMs)) logger.info("cancelled a job whose worker stopped", { jobId: job.id });
        continue;
      }
      logger.warn("resuming a job whose worker stopped", { jobId: job.id });
      await queue.send(QUEUES.import, { jobId: job.id });
    }
  };
  await requeueStale();
  const staleTimer = setInterval(() => requeueStale().catch((error: unknown) => logger.error("stale job check failed", { message: String(error) })), Math.max(1000, staleAfterMs / 2));
  logger.info("worker ready", { workerId, queues: Object.values(QUEUES), ffmpeg: ffmpeg.ffmpeg });

  return {
    boss,
    workerId,
    async stop() {
      clearInterval(staleTimer);
      // Graceful: the running job finishes its current frame; the heartbeat check resumes the rest.
      await queue.stop();
    },
  };
}
