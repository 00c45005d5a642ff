export { startWorker, type WorkerOptions } from "./worker.ts";
export { runMaintenance } from "./jobs/maintenance.ts";
export { QUEUES } from "@kao/queue";
export { runImport, type ImportRunner } from "./jobs/import/run-import.ts";
export { runExtract, type ExtractRunner } from "./jobs/extract/run-extract.ts";
export { BackboneSessions } from "./jobs/extract/backbone-sessions.ts";
export { ensureDefaultBackbones } from "./backbones/default-backbones.ts";
export { runTrain, type TrainRunner } from "./jobs/train/run-train.ts";
export { runPredict } from "./jobs/predict/run-predict.ts";
