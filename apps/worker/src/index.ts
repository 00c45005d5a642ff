export { startWorker } from "./worker.ts";
export { runMaintenance } from "./jobs/maintenance.ts";
export { QUEUES } from "./queues.ts";
