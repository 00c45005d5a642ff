import { proxyErrorResponse, streamPostToApi } from "@/server/stream-post-to-api";

export const dynamic = "force-dynamic";

/** The browser's way to `POST /uploads` on the API (multipart files, admins only), streamed through. */
export async function POST(request: Request): Promise<Response> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return proxyErrorResponse(415, "BAD_USER_INPUT", "Send files as multipart/form-data.");
  }
  const datasetId = new URL(request.url).searchParams.get("datasetId") ?? "";
  return streamPostToApi(request, "/uploads", new URLSearchParams({ datasetId }));
}
