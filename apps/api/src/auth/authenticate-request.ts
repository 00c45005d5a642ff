import type { Db } from "@kao/db";
import { unauthenticated } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { API_TOKEN_PREFIX, hashApiToken } from "./api-token.ts";
import { SESSION_COOKIE_NAMES, decodeSessionToken, readCookie } from "./session-token.ts";

// lastUsedAt is for humans; writing it on every request would turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Finds who sent a request: `Authorization: Bearer kao_…` (API token), `Authorization: Bearer <session JWT>`
 * (the web app's server side) or the next-auth session cookie (the browser through the web app's proxy).
 * No credentials → anonymous (null); credentials that do not work → UNAUTHENTICATED, so clients notice.
 */
export async function authenticateRequest(options: {
  db: Db;
  secret: string;
  authorization: string | undefined;
  cookie: string | undefined;
}): Promise<Viewer | null> {
  const bearer = options.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (options.authorization && !bearer) throw unauthenticated("Authorization header must be `Bearer <token>`.");
  if (bearer?.startsWith(API_TOKEN_PREFIX)) return authenticateApiToken(options.db, bearer);
  const sessionToken = bearer ?? readCookie(options.cookie, SESSION_COOKIE_NAMES);
  if (!sessionToken) return null;
  return authenticateSession(options.db, options.secret, sessionToken, Boolean(bearer));
}

async function authenticateApiToken(db: Db, token: string): Promise<Viewer> {
  const record = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    include: { user: true },
  });
  if (!record) throw unauthenticated("Unknown API token.");
  if (record.revokedAt) throw unauthenticated("This API token was revoked.");
  if (record.expiresAt && record.expiresAt < new Date()) throw unauthenticated("This API token has expired.");
  if (record.user.deactivatedAt) throw unauthenticated("This account is deactivated.");
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: record.user.id, email: record.user.email, role: record.user.role, via: "api-token" };
}

async function authenticateSession(db: Db, secret: string, token: string, explicit: boolean): Promise<Viewer | null> {
  const session = await decodeSessionToken(token, secret);
  if (!session) {
    // A stale browser cookie should not break anonymous pages; an explicit bearer token should fail loudly.
    if (explicit) throw unauthenticated("Invalid or expired session token.");
    return null;
  }
  const user = await db.user.findUnique({ where: { id: session.userId } });
  if (!user) throw unauthenticated("The session's user no longer exists.");
  if (user.deactivatedAt) throw unauthenticated("This account is deactivated.");
  return { id: user.id, email: user.email, role: user.role, via: "session" };
}
