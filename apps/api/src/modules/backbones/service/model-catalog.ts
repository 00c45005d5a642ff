import { MODEL_CATALOG } from "@kao/ml";
import type { Platform } from "../../../platform.ts";

/** The catalog this server offers: KAO_MODEL_CATALOG's entries merged in at start, else the built-in one. */
export const modelCatalogOf = (platform: Platform) => platform.modelCatalog ?? MODEL_CATALOG;
