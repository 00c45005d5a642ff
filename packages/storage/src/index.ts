export { type BlobStorage, BlobNotFoundError, BlobTooLargeError, InvalidKeyError, assertValidKey } from "./storage.ts";
export { createLocalStorage } from "./local-storage.ts";
export { frameKeys, uploadKey } from "./keys.ts";
