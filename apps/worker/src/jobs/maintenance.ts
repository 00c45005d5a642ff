import type { Db } from "@kao/db";

/** Sign-in attempts older than this no longer count for rate limits; keep a day for investigations. */
export const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Housekeeping that keeps hot tables small: expired frame leases (their frames go back to the
 * labelling queue) and sign-in attempts past the rate-limit window. Safe to run on many workers at once.
 */
export async function runMaintenance(db: Db, now = new Date()) {
  const [leases, attempts] = await db.$transaction([
    db.frameLease.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } } }),
  ]);
  return { expiredLeases: leases.count, oldLoginAttempts: attempts.count };
}
