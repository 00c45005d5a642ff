import { proxyErrorResponse, streamPostToApi } from "@/server/stream-post-to-api";

export const dynamic = "force-dynamic";

/**
 * The browser's way to `POST /predict` on the API: one image (as the body, or multipart with a `file`
 * part) classified with a dataset's published run or `runId`, streamed through like `/uploads`.
 */
export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (!type.startsWith("image/") && !type.startsWith("application/octet-stream") && !type.startsWith("multipart/form-data")) {
    return proxyErrorResponse(415, "BAD_USER_INPUT", "Send the image as the body (Content-Type image/…) or as multipart/form-data.");
  }
  const search = new URL(request.url).searchParams;
  const query = new URLSearchParams({ datasetId: search.get("datasetId") ?? "" });
  const runId = search.get("runId");
  if (runId) query.set("runId", runId);
  return streamPostToApi(request, "/predict", query);
}
