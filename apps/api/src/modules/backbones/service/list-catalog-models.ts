import { stat } from "node:fs/promises";
import path from "node:path";
import { MODEL_CATALOG, type CatalogModel } from "@kao/ml";
import { requireAdmin } from "../../../access.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { modelCacheDir } from "./model-path.ts";

export interface CatalogEntry {
  model: CatalogModel;
  /** Where the file is expected: `<KAO_DATA_DIR>/models/<key>.onnx`. */
  cachePath: string;
  /** A file of the catalog's size is there (its sha256 is checked when it is registered). */
  cached: boolean;
  /** What to do to get it onto this server. */
  instructions: string;
}

/**
 * The paper's backbones published in the ONNX model zoo (admins). kao downloads nothing on its own:
 * the server may well be offline, so the list says where to put each file; registering it then
 * checks its sha256 against the catalog.
 */
export async function listCatalogModels(ctx: ServiceContext & { platform: Platform }): Promise<CatalogEntry[]> {
  requireAdmin(ctx);
  const dir = modelCacheDir(ctx.platform);
  return Promise.all(
    MODEL_CATALOG.map(async (model) => {
      const cachePath = path.join(dir, `${model.key}.onnx`);
      const size = await stat(cachePath).then((info) => (info.isFile() ? info.size : -1), () => -1);
      const cached = size === model.sizeBytes;
      const instructions = cached
        ? `In the cache; register it with registerCatalogModel(key: "${model.key}").`
        : `Not on this server. Offline: download ${model.url} elsewhere and copy the file to ${cachePath} (${model.sizeBytes} bytes, sha256 ${model.sha256}), then register it.`;
      return { model, cachePath, cached, instructions };
    }),
  );
}
