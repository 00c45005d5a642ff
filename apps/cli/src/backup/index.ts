export { createBackup } from "./create-backup.ts";
export { restoreBackup } from "./restore-backup.ts";
export { requeueWaitingJobs } from "./requeue-jobs.ts";
export { BackupArchiveError, RestoreRefusedError, type BackupManifest } from "./manifest.ts";
