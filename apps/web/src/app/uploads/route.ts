import { env } from "@/env";

export const dynamic = "force-dynamic";

const FORWARDED_HEADERS = ["content-type", "content-length", "cookie", "x-forwarded-for", "x-kao-upload", "accept"] as const;

/**
 * The browser's way to `POST /uploads` on the API (multipart files, admins only). The body is streamed
 * through, never buffered: a batch may be hundreds of megabytes. The middleware must not match this
 * path either, since Next.js copies (and cuts off, past 10 MB) the bodies of requests it runs on.
 * The API authenticates the cookie and wants `x-kao-upload: 1` from browsers (its CSRF guard).
 */
export async function POST(request: Request): Promise<Response> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return errorResponse(415, "BAD_USER_INPUT", "Send files as multipart/form-data.");
  }
  const datasetId = new URL(request.url).searchParams.get("datasetId") ?? "";
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}/uploads?${new URLSearchParams({ datasetId })}`, {
      method: "POST",
      headers,
      body: request.body,
      // Required by fetch to send a stream as the request body.
      duplex: "half",
      cache: "no-store",
      signal: request.signal,
    } as RequestInit & { duplex: "half" });
  } catch (error) {
    if (request.signal.aborted) return errorResponse(499, "CLIENT_CLOSED_REQUEST", "The upload was stopped.");
    console.error("kao API unreachable from the /uploads proxy", error);
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
