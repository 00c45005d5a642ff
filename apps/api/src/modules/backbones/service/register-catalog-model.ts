import path from "node:path";
import { findCatalogModel, hashFile } from "@kao/ml";
import { modelCatalogOf } from "./model-catalog.ts";
import { requireAdmin } from "../../../access.ts";
import { InputValidationError } from "../../../graphql/result-errors.ts";
import type { Platform } from "../../../platform.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { BEFORE_LAST_POOL } from "./contracts.ts";
import { dataDirOf, modelCacheDir } from "./model-path.ts";
import { registerBackbone } from "./register-backbone.ts";

/**
 * Registers a catalog model whose file an admin copied into the model cache, with the catalog's
 * preprocessing and tap. The file must have the catalog's sha256: a truncated or different file is
 * refused with the same instructions as the catalog list gives.
 */
export async function registerCatalogModel(ctx: ServiceContext & { platform: Platform }, key: string, name?: string | null) {
  requireAdmin(ctx);
  const model = findCatalogModel(key, modelCatalogOf(ctx.platform));
  if (!model) throw new InputValidationError(`No catalog model "${key}".`, [{ path: "key", message: "Unknown catalog key." }]);
  const file = path.join(modelCacheDir(ctx.platform), `${model.key}.onnx`);
  const sha256 = await hashFile(file).catch(() => null);
  if (sha256 !== model.sha256) {
    const found = sha256 === null ? "there is no readable file there" : `the file there has sha256 ${sha256}`;
    const message = `${model.title} is not in the cache (${found}). Offline: download ${model.url} elsewhere and copy it to ${file} (sha256 ${model.sha256}).`;
    throw new InputValidationError(message, [{ path: "key", message }]);
  }
  const { preprocessing } = model;
  return registerBackbone(ctx, {
    name: name ?? model.title,
    path: path.relative(dataDirOf(ctx.platform), file),
    tap: model.tap.kind === "tensor" ? model.tap.name : BEFORE_LAST_POOL,
    pooling: "MAX",
    width: preprocessing.width,
    height: preprocessing.height,
    channelOrder: preprocessing.channelOrder,
    scale: preprocessing.scale,
    mean: [...preprocessing.mean],
    std: [...preprocessing.std],
  });
}
