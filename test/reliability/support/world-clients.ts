import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import type { Role } from "@kao/db";
import { seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET } from "../../support/api.ts";
import type { WorldApi } from "./world-api.ts";

/**
 * Who calls. Roles are global (User.role); a dataset is opened through DatasetMember, which has no role
 * of its own. So the world's dataset has a VIEWER, a LABELER and a REVIEWER as members; the ADMIN is
 * not a member (admins see every dataset); `nonMember` is a REVIEWER who is not a member (the most a
 * non-admin can be); `revokedToken`, `expiredToken` and `deactivated` are ADMINs whose credentials
 * must stop working; `expiredSession` is an ADMIN's browser holding an expired session cookie, which
 * the API treats as no cookie at all (anonymous pages keep working).
 */
export const CALLERS = ["anonymous", "viewer", "labeller", "reviewer", "admin", "nonMember", "revokedToken", "expiredToken", "deactivated", "expiredSession"] as const;
export type CallerName = (typeof CALLERS)[number];

export type SeededUser = Awaited<ReturnType<typeof seedUser>>;

/** One way of calling: a caller and the credentials it sends, as real clients do. */
export interface Client {
  caller: CallerName;
  /**
   * `token`: an API token (`Authorization: Bearer kao_…`, scripts). `cookie`: the next-auth session
   * cookie (browsers, through the web app's proxy). `session JWT`: the same session as a bearer token
   * (the web app's server side).
   */
  via: "token" | "cookie" | "session JWT" | "nothing";
  /** The user behind the credentials (null for anonymous). */
  user: SeededUser | null;
  headers: Record<string, string>;
}

export const clientName = (client: Client) => (client.via === "nothing" ? client.caller : `${client.caller} (${client.via})`);

const ROLES: Record<Exclude<CallerName, "anonymous">, Role> = {
  viewer: "VIEWER",
  labeller: "LABELER",
  reviewer: "REVIEWER",
  admin: "ADMIN",
  nonMember: "REVIEWER",
  revokedToken: "ADMIN",
  expiredToken: "ADMIN",
  deactivated: "ADMIN",
  expiredSession: "ADMIN",
};

/** A next-auth session JWT, as the web app issues at sign-in; `maxAge` below 0 makes one that has expired. */
const sessionJwt = (userId: string, maxAge = 3600) => encode({ token: { sub: userId }, secret: TEST_SESSION_SECRET, maxAge });

// The session JWT is decoded the same way from the cookie and from the header: the header form is
// tried for a few callers only (the strongest, an outsider, a labeller and a deactivated account).
const JWT_CALLERS: CallerName[] = ["labeller", "admin", "nonMember", "deactivated"];

async function tokenFor(api: WorldApi, userId: string) {
  return createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, userId, { name: `matrix-${randomUUID().slice(0, 6)}` });
}

/** The clients of every caller: each user with a token, and (for callers whose session works) a session. */
export async function seedClients(api: WorldApi): Promise<Client[]> {
  const clients: Client[] = [{ caller: "anonymous", via: "nothing", user: null, headers: {} }];
  for (const [caller, role] of Object.entries(ROLES) as [Exclude<CallerName, "anonymous">, Role][]) {
    const user = await seedUser(api.db, { role });
    if (caller === "expiredSession") {
      clients.push({ caller, via: "cookie", user, headers: { cookie: `next-auth.session-token=${await sessionJwt(user.id, -3600)}` } });
      continue;
    }
    const { token, apiToken } = await tokenFor(api, user.id);
    clients.push({ caller, via: "token", user, headers: { authorization: `Bearer ${token}` } });
    // The token is the whole point of these two; the same user's session still works, so it is no client here.
    if (caller === "revokedToken" || caller === "expiredToken") {
      const data = caller === "revokedToken" ? { revokedAt: new Date() } : { expiresAt: new Date(Date.now() - 60_000) };
      await api.db.apiToken.update({ where: { id: apiToken.id }, data });
      continue;
    }
    const jwt = await sessionJwt(user.id);
    clients.push({ caller, via: "cookie", user, headers: { cookie: `next-auth.session-token=${jwt}` } });
    if (JWT_CALLERS.includes(caller)) clients.push({ caller, via: "session JWT", user, headers: { authorization: `Bearer ${jwt}` } });
  }
  // Deactivated after its token and session were made, as when an admin deactivates an active account.
  const deactivated = clients.find((client) => client.caller === "deactivated")?.user;
  if (deactivated) await api.db.user.update({ where: { id: deactivated.id }, data: { deactivatedAt: new Date() } });
  return clients;
}

export const MEMBER_CALLERS: CallerName[] = ["viewer", "labeller", "reviewer"];

/** The users who are members of every dataset the world makes. */
export function memberUsers(clients: Client[]) {
  const users = new Map<string, { id: string }>();
  for (const client of clients) if (client.user && MEMBER_CALLERS.includes(client.caller)) users.set(client.user.id, client.user);
  return [...users.values()];
}
