import { env } from "@/env";
import { refuseCrossSite } from "@/server/same-origin";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1_000_000;
const FORWARDED_HEADERS = ["content-type", "cookie", "authorization", "x-forwarded-for", "accept"] as const;

/**
 * The browser's way to the API: same origin, so the session cookie goes along. Also the way in for
 * scripts with an API token (`Authorization: Bearer`), since the API itself listens on loopback; a
 * token is never sent by a browser on its own, so it needs no CSRF check. Forwarded at run time
 * (KAO_API_URL is read per request); the API authenticates either and applies its CSRF rules.
 */
export async function POST(request: Request): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return errorResponse(415, "BAD_USER_INPUT", "Send GraphQL requests as application/json.");
  }
  const body = await readBounded(request, MAX_BODY_BYTES);
  if (!body) return errorResponse(413, "PAYLOAD_TOO_LARGE", "Request body is too large.");

  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}/graphql`, { method: "POST", headers, body, cache: "no-store" });
  } catch (error) {
    console.error("kao API unreachable from the /graphql proxy", error);
    return errorResponse(502, "API_UNAVAILABLE", "Cannot reach the kao API. Try again in a moment.");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json", "cache-control": "no-store" },
  });
}

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The body, or null once it is over `maxBytes`: read chunk by chunk and given up on at the limit, so a
 * client cannot make the server hold a body of any size in memory (a declared length over it is refused unread).
 */
async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel("over the size limit");
      return null;
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
