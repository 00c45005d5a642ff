import path from "node:path";
import type { Platform } from "../../../platform.ts";

/** The data folder (KAO_DATA_DIR): the worker resolves relative model paths against its own, the same way. */
export const dataDirOf = (platform: Platform) => platform.dataDir ?? ".data";

/** Where a backbone's file is on this machine: absolute paths as they are, relative ones under the data folder. */
export function resolveModelPath(platform: Platform, modelPath: string): string {
  return path.resolve(dataDirOf(platform), modelPath);
}

/** The cache of catalog models, as @kao/ml's downloadModel and the worker's default backbones use it. */
export const modelCacheDir = (platform: Platform) => path.resolve(dataDirOf(platform), "models");
