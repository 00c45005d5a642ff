import "server-only";
import { env } from "@/env";
import { proxyErrorResponse } from "./stream-post-to-api";

/**
 * Refuses a state-changing browser request sent from another site's page (CSRF), or null to go on.
 * Browsers send `Origin` with every POST; a foreign one means another site's page is posting with the
 * user's session cookie. Requests without `Origin` (scripts, curl) carry no ambient cookie to abuse.
 * The same rule as Next.js server actions: the Origin's host must be this app's host, as the request
 * names it (`Host`, or `X-Forwarded-Host` behind a proxy) or as NEXTAUTH_URL does.
 */
export function refuseCrossSite(request: Request): Response | null {
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const hosts = [request.headers.get("x-forwarded-host"), request.headers.get("host"), ownHost()];
  const from = hostOf(origin);
  if (from !== null && hosts.includes(from)) return null;
  return proxyErrorResponse(403, "FORBIDDEN", "Cross-site requests are refused: send this from kao's own pages.");
}

function ownHost(): string | null {
  const url = env().NEXTAUTH_URL;
  return url ? hostOf(url) : null;
}

// `Origin: null` (sandboxed frames, some redirects) or garbage has no host, so it never matches.
function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
