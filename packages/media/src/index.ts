export { MediaError, isMediaError, type MediaErrorCode } from "./media-error.ts";
export { resolveFfmpeg, type FfmpegPaths } from "./resolve-ffmpeg.ts";
export { detectFileKind, FILE_HEAD_BYTES, SUPPORTED_EXTENSIONS, type FileKind } from "./detect-file-kind.ts";
export { probeVideo, type VideoInfo } from "./probe-video.ts";
export { sampleVideo, type SampleVideoOptions, type VideoSample } from "./sample-video.ts";
export { normaliseFrame, pixelSha256, DEFAULT_MAX_PIXELS, type NormalisedFrame, type RawFrame } from "./normalise-frame.ts";
export { differenceHash, differenceHashFromGrey, hammingDistance } from "./dhash.ts";
export { groupScenes, isSameScene, SCENE_HASH_THRESHOLD } from "./scenes.ts";
export { readZipImages, type ZipEntryError, type ZipImage } from "./read-zip-images.ts";
