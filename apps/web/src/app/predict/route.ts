import { env } from "@/env";

export const dynamic = "force-dynamic";

const FORWARDED_HEADERS = ["content-type", "content-length", "cookie", "x-forwarded-for", "x-kao-upload", "accept"] as const;

/**
 * The browser's way to `POST /predict` on the API: one image (as the body, or multipart with a `file`
 * part) classified with a dataset's published run or `runId`. Streamed through like `/uploads`, and
 * kept out of the middleware for the same reason (it copies and cuts off request bodies). The API
 * authenticates the cookie and wants `x-kao-upload: 1` from browsers (its CSRF guard).
 */
export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (!type.startsWith("image/") && !type.startsWith("application/octet-stream") && !type.startsWith("multipart/form-data")) {
    return errorResponse(415, "BAD_USER_INPUT", "Send the image as the body (Content-Type image/…) or as multipart/form-data.");
  }
  const search = new URL(request.url).searchParams;
  const query = new URLSearchParams({ datasetId: search.get("datasetId") ?? "" });
  const runId = search.get("runId");
  if (runId) query.set("runId", runId);
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}/predict?${query}`, {
      method: "POST",
      headers,
      body: request.body,
      // Required by fetch to send a stream as the request body.
      duplex: "half",
      cache: "no-store",
      signal: request.signal,
    } as RequestInit & { duplex: "half" });
  } catch (error) {
    if (request.signal.aborted) return errorResponse(499, "CLIENT_CLOSED_REQUEST", "The request was stopped.");
    console.error("kao API unreachable from the /predict proxy", error);
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
