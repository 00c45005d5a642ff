// Spreads grid configurations over worker threads. The Gram matrices travel once, as
// SharedArrayBuffers; each worker then gets one configuration at a time. A worker keeps to one
// kernel while that kernel has C values left (its precomputed rows are reused), moves to an
// untouched kernel next, and helps with the longest remaining kernel last.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { GridShared, GridTask, GridTaskResult } from "./grid-task.ts";
import type { GridWorkerReply, GridWorkerRequest } from "./grid-worker.ts";

/**
 * A worker that runs grid-worker.ts through tsx, as every kao process runs TypeScript. On Node 20 a
 * worker's `execArgv: ["--import", "tsx"]` does not reach its entry module ("Unknown file extension
 * .ts"), so the worker registers tsx itself before importing the entry.
 */
function startGridWorker(): Worker {
  const require = createRequire(import.meta.url);
  // tsx's ESM API (its CommonJS build cannot register the ESM hooks from a worker).
  const api = require.resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs");
  if (!existsSync(api)) throw new Error(`tsx's ESM API is not at ${api}; the grid's worker threads need tsx 4`);
  const entry = new URL("./grid-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

export async function runTasksInWorkers(options: {
  shared: GridShared;
  tasks: readonly GridTask[];
  workers: number;
  onResult: (result: GridTaskResult) => void;
  /** On abort no further configuration is sent and the pool rejects with the signal's reason (the workers are then terminated). */
  signal?: AbortSignal;
}): Promise<void> {
  const { shared, onResult, signal } = options;
  const groups = groupByKernel(options.tasks);
  const pool: Worker[] = [];
  let stopListening = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      let remaining = options.tasks.length;
      if (remaining === 0) return resolve();
      if (signal) {
        const abort = () => reject(signal.reason);
        if (signal.aborted) return abort();
        signal.addEventListener("abort", abort, { once: true });
        stopListening = () => signal.removeEventListener("abort", abort);
      }
      const started = new Set<string>();
      const next = (lastKernel: string | null): GridTask | undefined => {
        const own = lastKernel === null ? undefined : groups.get(lastKernel);
        if (own?.length) return own.shift();
        for (const [key, group] of groups) {
          if (!started.has(key) && group.length) {
            started.add(key);
            return group.shift();
          }
        }
        const longest = [...groups.values()].sort((a, b) => b.length - a.length)[0];
        return longest?.shift();
      };
      const count = Math.max(1, Math.min(options.workers, options.tasks.length));
      for (let w = 0; w < count; w++) {
        const worker = startGridWorker();
        pool.push(worker);
        let lastKernel: string | null = null;
        const send = (request: GridWorkerRequest) => worker.postMessage(request);
        const dispatch = () => {
          if (signal?.aborted) return;
          const task = next(lastKernel);
          if (task === undefined) return;
          lastKernel = JSON.stringify(task.kernel);
          started.add(lastKernel);
          send({ type: "task", task });
        };
        worker.on("message", (reply: GridWorkerReply) => {
          if (reply.type === "ready") return dispatch();
          if (reply.type === "failed") return reject(new Error(`grid configuration ${reply.id} failed in a worker thread: ${reply.message}`));
          try {
            onResult(reply.result);
          } catch (error) {
            return reject(error);
          }
          if (--remaining === 0) return resolve();
          dispatch();
        });
        worker.on("error", (error) => reject(new Error(`a grid worker thread crashed: ${error.message}`, { cause: error })));
        worker.on("exit", (code) => {
          if (remaining > 0) reject(new Error(`a grid worker thread exited (code ${code}) with ${remaining} configurations left`));
        });
        send({ type: "init", shared });
      }
    });
  } finally {
    stopListening();
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

function groupByKernel(tasks: readonly GridTask[]): Map<string, GridTask[]> {
  const groups = new Map<string, GridTask[]>();
  for (const task of tasks) {
    const key = JSON.stringify(task.kernel);
    const group = groups.get(key);
    if (group) group.push(task);
    else groups.set(key, [task]);
  }
  return groups;
}
