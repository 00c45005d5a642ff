import { readFile } from "node:fs/promises";
import { z } from "zod";
import { MODEL_CATALOG, type CatalogModel } from "./catalog.ts";

const channelValues = z.array(z.number().finite()).max(3);

/** One entry of a catalog file: the same fields as MODEL_CATALOG's entries. */
const catalogModelSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, { message: "lower-case letters, digits, '.', '_' and '-' (it names the cached file)" }),
  title: z.string().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }),
  // Job rows count bytes in a 32-bit column; the zoo's largest files are well under this.
  sizeBytes: z.number().int().positive().max(2 ** 31 - 1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "64 lower-case hex digits" }),
  preprocessing: z.object({
    width: z.number().int().min(8).max(2048),
    height: z.number().int().min(8).max(2048),
    channelOrder: z.enum(["RGB", "BGR"]),
    scale: z.number().positive().finite(),
    mean: channelValues,
    std: channelValues,
  }),
  tap: z.discriminatedUnion("kind", [z.object({ kind: z.literal("tensor"), name: z.string().min(1) }), z.object({ kind: z.literal("before-last-pool") })]),
  dims: z.number().int().positive(),
  licence: z.string().min(1).max(100),
});

/**
 * The catalog this server offers: MODEL_CATALOG plus the entries of `file` (KAO_MODEL_CATALOG), a
 * JSON array of entries shaped like MODEL_CATALOG's. An entry with a built-in key replaces it, so a
 * studio can point the catalog at a mirror inside its own network; tests point it at a loopback server.
 */
export async function loadModelCatalog(options: { file?: string | undefined } = {}): Promise<readonly CatalogModel[]> {
  if (!options.file) return MODEL_CATALOG;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(options.file, "utf8"));
  } catch (error) {
    throw new Error(`the model catalog ${options.file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = z.array(catalogModelSchema).safeParse(raw);
  if (!parsed.success) throw new Error(`the model catalog ${options.file} is not valid:\n${z.prettifyError(parsed.error)}`);
  const extra = new Map(parsed.data.map((model) => [model.key, model]));
  return [...MODEL_CATALOG.filter((model) => !extra.has(model.key)), ...extra.values()];
}
