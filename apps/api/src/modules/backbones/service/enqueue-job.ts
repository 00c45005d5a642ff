import type { JobQueue } from "@kao/queue";
import type { Platform } from "../../../platform.ts";

/** Hands a job to the worker queue; a server started without a queue (some tests, tools) says so loudly. */
export async function enqueueJob(platform: Platform, queue: JobQueue, jobId: string) {
  if (!platform.enqueue) throw new Error(`this API server was started without a job queue; job ${jobId} for ${queue} stays QUEUED`);
  await platform.enqueue(queue, jobId);
}
