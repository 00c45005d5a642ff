export { startWorker, type WorkerOptions } from "./worker.ts";
export { runMaintenance } from "./jobs/maintenance.ts";
export { QUEUES } from "@kao/queue";
export { runImport, type ImportRunner } from "./jobs/import/run-import.ts";
