import { stat } from "node:fs/promises";
import path from "node:path";
import type { CatalogModel } from "@kao/ml";
import { requireAdmin } from "../../../access.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { modelCatalogOf } from "./model-catalog.ts";
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
 * The paper's backbones published in the ONNX model zoo (admins). A worker downloads one when an admin
 * asks (startCatalogDownload); the server may well be offline, so the list also says where to put each
 * file by hand; registering it then checks its sha256 against the catalog.
 */
export async function listCatalogModels(ctx: ServiceContext & { platform: Platform }): Promise<CatalogEntry[]> {
  requireAdmin(ctx);
  const dir = modelCacheDir(ctx.platform);
  return Promise.all(
    modelCatalogOf(ctx.platform).map(async (model) => {
      const cachePath = path.join(dir, `${model.key}.onnx`);
      const size = await stat(cachePath).then((info) => (info.isFile() ? info.size : -1), () => -1);
      const cached = size === model.sizeBytes;
      const instructions = cached
        ? `In the cache; register it with registerCatalogModel(key: "${model.key}").`
        : `Not on this server: Download on the Backbones page fetches it (downloadCatalogModel in GraphQL). Offline: download ${model.url} elsewhere and copy the file to ${cachePath} (${model.sizeBytes} bytes, sha256 ${model.sha256}), then register it.`;
      return { model, cachePath, cached, instructions };
    }),
  );
}
