// Worker thread entry of runGrid: receives the shared Gram matrices once, then runs one
// configuration per message and answers with its fit and validation decisions.
import { parentPort } from "node:worker_threads";
import { createGridRunner, type GridShared, type GridTask, type GridTaskResult } from "./grid-task.ts";

export type GridWorkerRequest = { type: "init"; shared: GridShared } | { type: "task"; task: GridTask };
export type GridWorkerReply = { type: "ready" } | { type: "result"; result: GridTaskResult } | { type: "failed"; id: number; message: string };

const port = parentPort;
if (port === null) throw new Error("grid-worker.ts runs only as a worker thread (see runGrid)");

let run: ((task: GridTask) => Promise<GridTaskResult>) | null = null;
const reply = (message: GridWorkerReply) => port.postMessage(message);

port.on("message", (request: GridWorkerRequest) => {
  if (request.type === "init") {
    run = createGridRunner(request.shared);
    reply({ type: "ready" });
    return;
  }
  const { task } = request;
  if (run === null) {
    reply({ type: "failed", id: task.id, message: "the grid worker got a task before its data" });
    return;
  }
  run(task).then(
    (result) => reply({ type: "result", result }),
    (error: unknown) => reply({ type: "failed", id: task.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
