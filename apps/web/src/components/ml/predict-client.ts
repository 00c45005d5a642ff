// zod's small build: this module ships to the browser with the models page.
import { z } from "zod/mini";

/** What `POST /predict` answers for one image. */
const predictionSchema = z.object({
  label: z.enum(["FACE", "NO_FACE"]),
  decisionValue: z.number(),
  runId: z.string(),
  backboneId: z.string(),
});
export type ImagePrediction = z.infer<typeof predictionSchema>;

const errorSchema = z.object({ errors: z.array(z.object({ message: z.string(), extensions: z.optional(z.object({ code: z.optional(z.string()) })) })) });

/** The request failed as a whole (no session, no published run, not an image, too large, network). */
export class PredictRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "PredictRequestError";
  }
}

/** Reads the proxy's answer: the prediction, or the API's first error as a PredictRequestError. */
export function readPredictResponse(status: number, body: unknown): ImagePrediction {
  const prediction = predictionSchema.safeParse(body);
  if (status >= 200 && status < 300 && prediction.success) return prediction.data;
  const first = errorSchema.safeParse(body).data?.errors[0];
  if (first) throw new PredictRequestError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR", status);
  throw new PredictRequestError(status === 413 ? "The image is too large." : `kao could not classify the image (HTTP ${status}).`, "INTERNAL_SERVER_ERROR", status);
}

/**
 * Classifies one image with the dataset's published run (or `runId`) through the same-origin
 * `/predict` proxy. The image is the body; `x-kao-upload: 1` is the API's guard against cross-site
 * posts with the session cookie.
 */
export async function predictImage(options: { datasetId: string; runId?: string | undefined; file: Blob; signal?: AbortSignal }): Promise<ImagePrediction> {
  const query = new URLSearchParams({ datasetId: options.datasetId, ...(options.runId ? { runId: options.runId } : {}) });
  let response: Response;
  try {
    response = await fetch(`/predict?${query}`, {
      method: "POST",
      headers: { "content-type": options.file.type || "application/octet-stream", "x-kao-upload": "1", accept: "application/json" },
      body: options.file,
      credentials: "same-origin",
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new PredictRequestError("Cannot reach kao. Check your connection and try again.", "API_UNAVAILABLE", 0);
  }
  const body: unknown = await response.json().catch(() => null);
  try {
    return readPredictResponse(response.status, body);
  } catch (error) {
    if (error instanceof PredictRequestError && error.code === "UNAUTHENTICATED") window.location.assign("/signin?error=SessionRequired");
    throw error;
  }
}
