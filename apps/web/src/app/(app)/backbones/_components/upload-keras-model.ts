import type { GraphQLErrorBody } from "@/lib/graphql-errors";

/** The API refused the model before converting it (not an admin, no model.json, bad fields, …). */
export class KerasUploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "KerasUploadError";
  }
}

/**
 * Sends a layers model (model.json and its shards) with the import's fields to the same-origin
 * `/uploads/keras` proxy; resolves with the conversion job's id. XMLHttpRequest for upload progress:
 * InceptionV3's weights are about 90 MB.
 */
export function uploadKerasModel(options: { fields: Record<string, string>; files: readonly File[]; onProgress?: (loaded: number, total: number) => void }): Promise<string> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Fields first: the API reads the form in order.
    for (const [name, value] of Object.entries(options.fields)) form.append(name, value);
    for (const file of options.files) form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/uploads/keras");
    xhr.setRequestHeader("x-kao-upload", "1");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new KerasUploadError("The upload was interrupted. Check your connection and try again.", "API_UNAVAILABLE"));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 && typeof body?.job?.id === "string") {
        resolve(body.job.id);
        return;
      }
      const first = body?.errors?.[0];
      const code = first?.extensions?.code ?? (xhr.status === 413 ? "PAYLOAD_TOO_LARGE" : "INTERNAL_SERVER_ERROR");
      if (code === "UNAUTHENTICATED") window.location.assign("/signin?error=SessionRequired");
      reject(new KerasUploadError(first?.message ?? `The upload failed (HTTP ${xhr.status}). Try again in a moment.`, code));
    };
    xhr.send(form);
  });
}

type Answer = { job?: { id?: unknown }; errors?: GraphQLErrorBody[] };

function parse(text: string): Answer | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Answer) : null;
  } catch (error) {
    // A proxy's HTML error page: the status code tells the rest.
    console.warn("the Keras upload answered something that is not JSON", error);
    return null;
  }
}
