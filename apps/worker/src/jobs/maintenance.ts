import type { Db } from "@kao/db";
import type { BlobStorage } from "@kao/storage";

/** Sign-in attempts older than this no longer count for rate limits; keep a day for investigations. */
export const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60_000;
/** Uploads never imported are removed after this long (their files with them). */
export const UNCLAIMED_UPLOAD_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Housekeeping that keeps hot tables and the disk small: expired frame leases (their frames go back
 * to the labelling queue), sign-in attempts past the rate-limit window, and uploads nobody imported.
 * Safe to run on many workers at once.
 */
export async function runMaintenance(options: { db: Db; storage: BlobStorage; now?: Date }) {
  const { db, storage } = options;
  const now = options.now ?? new Date();
  const [leases, attempts] = await db.$transaction([
    db.frameLease.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } } }),
  ]);
  const stale = await db.upload.findMany({
    where: { jobId: null, createdAt: { lt: new Date(now.getTime() - UNCLAIMED_UPLOAD_RETENTION_MS) } },
    select: { id: true, storageKey: true },
    take: 1000,
  });
  for (const upload of stale) {
    // Row first: if the file delete fails, an orphan file is harmless; a row without its file is not.
    const { count } = await db.upload.deleteMany({ where: { id: upload.id, jobId: null } });
    if (count) await storage.delete(upload.storageKey);
  }
  return { expiredLeases: leases.count, oldLoginAttempts: attempts.count, unclaimedUploads: stale.length };
}
