import { env } from "@/env";

export const dynamic = "force-dynamic";

const FORWARDED_HEADERS = ["cookie", "authorization", "x-forwarded-for"] as const;
const RETURNED_HEADERS = ["content-type", "content-disposition", "content-length", "cache-control"] as const;

type Params = Promise<{ file: string }>;

/**
 * A split version's export (`<id>.csv`, `.jsonl` or `.zip`) from the API, for plain download links on
 * this origin: the session cookie goes along and the API decides who may have it (ADMIN and REVIEWER
 * members). The body is streamed through, never buffered (a zip holds every image of the dataset), and
 * Content-Disposition is kept so the browser saves it under the API's file name.
 */
export async function GET(request: Request, { params }: { params: Params }): Promise<Response> {
  const { file } = await params;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${env().KAO_API_URL}/exports/${encodeURIComponent(file)}`, { headers, cache: "no-store", signal: request.signal });
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error("kao API unreachable from the /exports proxy", error);
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
  // Labels change until a version is locked; an error must not be cached as the file either.
  returned.set("cache-control", "private, no-store");
  return new Response(upstream.body, { status: upstream.status, headers: returned });
}
