/**
 * Loads and decodes the next frames' images before they are shown, so the next frame paints the
 * moment a key is pressed. The Image objects are kept (at most `limit`), which keeps the decoded
 * pictures in the browser's memory cache; a failed prefetch is remembered, and the real <img> then
 * shows the failure.
 */
export type PrefetchStatus = "loading" | "ready" | "failed";

export class ImagePrefetcher {
  private readonly images = new Map<string, { image: HTMLImageElement; status: PrefetchStatus }>();

  constructor(private readonly limit = 12) {}

  /** Starts loading `urls` (in order of need) and forgets the oldest beyond the limit. */
  want(urls: readonly string[]) {
    for (const url of urls) {
      if (this.images.has(url)) continue;
      const image = new Image();
      image.decoding = "async";
      const entry = { image, status: "loading" as PrefetchStatus };
      this.images.set(url, entry);
      image.src = url;
      image.decode().then(
        () => (entry.status = "ready"),
        () => (entry.status = "failed"),
      );
    }
    const keep = new Set(urls);
    for (const url of this.images.keys()) {
      if (this.images.size <= this.limit) break;
      if (!keep.has(url)) this.images.delete(url);
    }
  }

  status(url: string): PrefetchStatus | null {
    return this.images.get(url)?.status ?? null;
  }
}
