/** The one place that knows how blobs are laid out, so storage layout changes touch nothing else. */

/** A frame's three JPEGs, addressed by dataset and pixel hash: re-importing writes the same keys. */
export function frameKeys(datasetId: string, sha256: string) {
  const prefix = `frames/${datasetId}/${sha256.slice(0, 2)}/${sha256}`;
  return { prefix, image: `${prefix}/image.jpg`, display: `${prefix}/display.jpg`, thumbnail: `${prefix}/thumb.jpg` };
}

export function uploadKey(datasetId: string, uploadId: string) {
  return `uploads/${datasetId}/${uploadId}`;
}
