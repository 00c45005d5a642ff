import { proxyErrorResponse, streamPostToApi } from "@/server/stream-post-to-api";

export const dynamic = "force-dynamic";

/**
 * The browser's way to `POST /backbones/keras` on the API (a Keras / TF.js layers model to convert;
 * admins), streamed through. Under `/uploads` so that the proxy (src/proxy.ts), which would copy and cut off
 * a body this large, stays out of it.
 */
export async function POST(request: Request): Promise<Response> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    return proxyErrorResponse(415, "BAD_USER_INPUT", "Send the model as multipart/form-data.");
  }
  return streamPostToApi(request, "/backbones/keras", new URLSearchParams());
}
