import { timingSafeDummyHash, verifyPassword } from "@kao/db/password";
import { AppError, ErrorCode, unauthenticated } from "../../../errors.ts";
import type { ServiceContext } from "../../../service-context.ts";

/** Failures allowed per window, per email and per client address, before sign-in is refused. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perEmail: 10, perIp: 50 } as const;

/**
 * Checks an email and password. Used by the web app's next-auth credentials provider.
 * Wrong password and unknown email give the same message and take the same time.
 */
export async function signIn(ctx: ServiceContext, input: { email: string; password: string }) {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  // The attempt is logged as a failure before the limit is checked, and the check counts it: of many
  // guesses sent at once, only the first ones see a count under the limit (counting first let all through).
  const attempt = await ctx.db.loginAttempt.create({ data: { email, ip: ctx.ip, success: false } });
  try {
    await assertNotRateLimited(ctx, email);
  } catch (error) {
    // A refused attempt was never checked, so it does not extend the lockout.
    await ctx.db.loginAttempt.delete({ where: { id: attempt.id } });
    throw error;
  }
  const user = await ctx.db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = await verifyPassword(user?.passwordHash ?? (await timingSafeDummyHash()), input.password.slice(0, 200));
  if (user && ok) await ctx.db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } });
  if (!user || !ok) throw unauthenticated("Wrong email or password.");
  if (user.deactivatedAt) throw unauthenticated("This account is deactivated. Ask an admin to reactivate it.");
  const { passwordHash: _omitted, ...safe } = await ctx.db.user.update({
    where: { id: user.id },
    data: { lastLoginAt: new Date() },
    omit: { passwordHash: false },
  });
  return safe;
}

async function assertNotRateLimited(ctx: ServiceContext, email: string) {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    ctx.db.loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    ctx.db.loginAttempt.count({ where: { ip: ctx.ip, success: false, createdAt: { gte: since } } }),
  ]);
  // Both counts include the attempt being made.
  if (byEmail > LOGIN_LIMITS.perEmail || byIp > LOGIN_LIMITS.perIp) {
    throw new AppError(ErrorCode.RATE_LIMITED, "Too many failed sign-in attempts. Wait 15 minutes and try again.", {
      retryAfterSeconds: LOGIN_LIMITS.windowMs / 1000,
    });
  }
}
