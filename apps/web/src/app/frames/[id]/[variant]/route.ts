import { env } from "@/env";

export const dynamic = "force-dynamic";

const FORWARDED_HEADERS = ["cookie", "authorization", "if-none-match", "x-forwarded-for"] as const;
const RETURNED_HEADERS = ["content-type", "content-length", "etag", "cache-control"] as const;

type Params = Promise<{ id: string; variant: string }>;

/**
 * A frame's JPEG (`image`, `display` or `thumb`) from the API, for `<img src>` on this origin: the
 * session cookie goes along and the API decides who may see it. Streamed, with the API's caching
 * headers (private, immutable, ETag), so browsers revalidate with If-None-Match and get 304s.
 */
export async function GET(request: Request, { params }: { params: Params }): Promise<Response> {
  const { id, variant } = await params;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}/frames/${encodeURIComponent(id)}/${encodeURIComponent(variant)}`, {
      headers,
      cache: "no-store",
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error("kao API unreachable from the /frames proxy", error);
    return Response.json(
      { errors: [{ message: "Cannot reach the kao API. Try again in a moment.", extensions: { code: "API_UNAVAILABLE" } }] },
      { status: 502, headers: { "cache-control": "no-store" } },
    );
  }
  const returned = new Headers();
  for (const name of RETURNED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) returned.set(name, value);
  }
  // fetch decodes compressed bodies, so a compressed length would no longer be true.
  if (upstream.headers.has("content-encoding")) returned.delete("content-length");
  // Errors (JSON) must not be cached as if they were the image.
  if (!upstream.ok && upstream.status !== 304) returned.set("cache-control", "no-store");
  const body = upstream.status === 304 || upstream.status === 204 ? null : upstream.body;
  return new Response(body, { status: upstream.status, headers: returned });
}
