import { env } from "@/env";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1_000_000;
const FORWARDED_HEADERS = ["content-type", "cookie", "x-forwarded-for", "accept"] as const;

/**
 * The browser's way to the API: same origin, so the session cookie goes along. Forwarded at run time
 * (KAO_API_URL is read per request); the API authenticates the cookie and applies its CSRF rules.
 */
export async function POST(request: Request): Promise<Response> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return errorResponse(415, "BAD_USER_INPUT", "Send GraphQL requests as application/json.");
  }
  const body = await request.arrayBuffer();
  if (body.byteLength > MAX_BODY_BYTES) return errorResponse(413, "PAYLOAD_TOO_LARGE", "Request body is too large.");

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
