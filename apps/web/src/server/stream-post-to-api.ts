import "server-only";
import { env } from "@/env";
import { refuseCrossSite } from "./same-origin";

// `authorization`: API-token clients may come through the web app too (the API listens on loopback).
const FORWARDED_HEADERS = ["content-type", "content-length", "cookie", "authorization", "x-forwarded-for", "x-kao-upload", "accept"] as const;

/**
 * Streams a browser's POST body through to the API (`/uploads`, `/predict`) without buffering it:
 * a batch of videos may be hundreds of megabytes. The routes using it must stay out of the
 * proxy (src/proxy.ts), since Next.js copies (and cuts off, past 10 MB) the bodies of requests it runs on.
 * The API authenticates the cookie and wants `x-kao-upload: 1` from browsers (its CSRF guard).
 */
export async function streamPostToApi(request: Request, path: string, query: URLSearchParams): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}${path}?${query}`, {
      method: "POST",
      headers,
      body: request.body,
      // Required by fetch to send a stream as the request body.
      duplex: "half",
      cache: "no-store",
      signal: request.signal,
    } as RequestInit & { duplex: "half" });
  } catch (error) {
    if (request.signal.aborted) return proxyErrorResponse(499, "CLIENT_CLOSED_REQUEST", "The request was stopped.");
    console.error(`kao API unreachable from the ${path} proxy`, error);
    return proxyErrorResponse(502, "API_UNAVAILABLE", "Cannot reach the kao API. Try again in a moment.");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json", "cache-control": "no-store" },
  });
}

/** An error in the API's JSON shape, so the browser code reads proxy and API errors alike. */
export function proxyErrorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: { "cache-control": "no-store" } });
}
